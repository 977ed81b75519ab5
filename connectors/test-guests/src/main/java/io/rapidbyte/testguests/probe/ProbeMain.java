package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.Rapidbyte;

/** Entry point run by the host's {@code _start}: serves all three roles with one {@link Probe}. */
public final class ProbeMain {
    private ProbeMain() {
    }

    public static void main(String[] args) {
        Probe probe = new Probe();
        Rapidbyte.source(probe);
        Rapidbyte.destination(probe);
        Rapidbyte.transform(probe);
    }
}
