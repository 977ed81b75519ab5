package io.rapidbyte.dest.postgres;

import io.rapidbyte.postgres.guest.net.WasiEntropy;
import io.rapidbyte.sdk.Rapidbyte;

/** The wasm module's entry point ({@code _start}): registers the destination. */
public final class DestMain {
    private DestMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.destination(new PostgresDestination(new WasiEntropy()));
    }
}
