package io.rapidbyte.source.postgres;

import io.rapidbyte.sdk.Rapidbyte;
import io.rapidbyte.source.postgres.net.WasiEntropy;

/** The guest's entry point: the host runs it once through {@code _start}. */
public final class SourcePostgresMain {
    private SourcePostgresMain() {
    }

    public static void main(String[] args) {
        Rapidbyte.source(new PostgresSource(new WasiEntropy()));
    }
}
