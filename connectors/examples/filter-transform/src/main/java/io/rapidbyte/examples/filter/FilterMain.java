package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point, run once by the host's {@code _start}: registers the transform. */
public final class FilterMain {
    private FilterMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.transform(new FilterTransform());
    }
}
