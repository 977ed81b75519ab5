package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point, run once by the host's {@code _start}: registers the source. */
public final class GeneratorMain {
    private GeneratorMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.source(new GeneratorSource());
    }
}
