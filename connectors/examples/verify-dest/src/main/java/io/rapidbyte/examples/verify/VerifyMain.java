package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point, run once by the host's {@code _start}: registers the destination. */
public final class VerifyMain {
    private VerifyMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.destination(new VerifyDestination());
    }
}
