package io.rapidbyte.it.bench;

import io.rapidbyte.it.env.PostgresServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The physical reference the chain is measured against: {@code COPY (SELECT …) TO STDOUT} piped
 * straight into {@code COPY … FROM STDIN} through pgjdbc (binary format on both sides, like the
 * connectors), on the same data and machine. No conversion, no Kafka, no sandbox.
 */
final class CopyPipeReference {
    private static final int PIPE_BYTES = 1 << 20;

    private CopyPipeReference() {
    }

    /** Copies {@code source} into a new {@code target} (same columns); returns the seconds the two COPYs took. */
    static double run(PostgresServer pg, String database, String source, String target) throws Exception {
        pg.execute(database, "DROP TABLE IF EXISTS " + target + ";"
                + "CREATE SCHEMA IF NOT EXISTS " + target.substring(0, target.indexOf('.')) + ";"
                + "CREATE TABLE " + target + " (LIKE " + source + " INCLUDING ALL)");
        try (Connection out = pg.connect(database); Connection in = pg.connect(database)) {
            CopyManager reader = out.unwrap(PGConnection.class).getCopyAPI();
            CopyManager writer = in.unwrap(PGConnection.class).getCopyAPI();
            PipedInputStream pipeIn = new PipedInputStream(PIPE_BYTES);
            PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
            long start = System.nanoTime();
            CompletableFuture<Long> load = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.copyIn("COPY " + target + " FROM STDIN (FORMAT binary)", pipeIn);
                } catch (Exception e) {
                    throw new IllegalStateException("COPY FROM STDIN failed: " + e.getMessage(), e);
                }
            });
            try (pipeOut) {
                reader.copyOut("COPY (SELECT * FROM " + source + ") TO STDOUT (FORMAT binary)", pipeOut);
            } catch (IOException e) {
                load.cancel(true);
                throw e;
            }
            load.join();
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
