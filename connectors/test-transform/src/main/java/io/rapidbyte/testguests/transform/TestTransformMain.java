package io.rapidbyte.testguests.transform;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point, run once by the host's {@code _start}: registers the transform. */
public final class TestTransformMain {
    private TestTransformMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.transform(new TestTransform());
    }
}
