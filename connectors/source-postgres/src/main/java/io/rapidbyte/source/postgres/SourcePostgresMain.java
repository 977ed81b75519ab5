package io.rapidbyte.source.postgres;

import io.rapidbyte.postgres.guest.net.WasiEntropy;
import io.rapidbyte.sdk.Rapidbyte;

/** The guest's entry point: the host runs it once through {@code _start}. */
public final class SourcePostgresMain {
    private SourcePostgresMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.source(new PostgresSource(new WasiEntropy()));
    }
}
