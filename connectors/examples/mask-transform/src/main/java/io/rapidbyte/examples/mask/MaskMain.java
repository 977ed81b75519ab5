package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point, run once by the host's {@code _start}: registers the transform. */
public final class MaskMain {
    private MaskMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.transform(new MaskTransform());
    }
}
