package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 100k rows through COPY in both directions, streamed with bounded memory. */
class CopyStreamingIntegrationTest {

    private static final int ROWS = 100_000;

    @Test
    void hundredThousandRowsStreamOutInChunksWithBoundedMemory() throws PgException {
        SocketTransport t = new SocketTransport("127.0.0.1", EmbeddedPg.port());
        try (PgConnection c = PgConnection.connect(t, PgConnectOptions.builder("postgres").build())) {
            c.simpleQuery("DROP TABLE IF EXISTS big; CREATE TABLE big AS SELECT i AS id, "
                    + "repeat(md5(i::text), 3) AS payload, timestamptz '2020-01-01' + i * interval '1 second' AS ts "
                    + "FROM generate_series(1, " + ROWS + ") i");
            int bufferAtStart = c.receiveBufferCapacity();
            long bytesBefore = t.bytesRead;
            long readsBefore = t.readCalls;
            long started = System.nanoTime();

            CopyOut out = c.copyOut("COPY (SELECT id, payload, ts FROM big ORDER BY id) TO STDOUT (FORMAT binary)");
            BinaryCopyReader r = new BinaryCopyReader(out);
            long idSum = 0;
            long expectedTs = TemporalCodec.unixMicrosToTimestamp(1_577_836_800_000_000L);
            int rows = 0;
            int maxBuffer = 0;
            while (r.next()) {
                rows++;
                int id = ScalarCodec.int4(r.buffer(), r.offset(0), r.length(0));
                assertEquals(rows, id);
                idSum += id;
                assertEquals(96, r.length(1));
                assertEquals(expectedTs + id * 1_000_000L, TemporalCodec.timestamp(r.buffer(), r.offset(2), r.length(2)));
                maxBuffer = Math.max(maxBuffer, c.receiveBufferCapacity() + r.retainedBytes());
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            long transferred = t.bytesRead - bytesBefore;
            assertEquals(ROWS, rows);
            assertEquals((long) ROWS * (ROWS + 1) / 2, idSum);
            assertEquals(ROWS, out.rowCount());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            // Over 10 MB went by while the client never held more than its fixed buffers.
            assertTrue(transferred > 10_000_000, "transferred " + transferred);
            assertEquals(bufferAtStart, c.receiveBufferCapacity());
            assertTrue(maxBuffer <= 512 * 1024, "buffers " + maxBuffer);
            assertTrue(t.readCalls - readsBefore >= transferred / MessageReader.DEFAULT_BUFFER,
                    "data must arrive in many reads, not one big one");
            assertTrue(t.readCalls - readsBefore < transferred / 1000,
                    "reads must be large, not per message: " + (t.readCalls - readsBefore));
            System.out.println("COPY OUT " + ROWS + " rows, " + transferred + " bytes in " + elapsedMs + " ms, "
                    + (t.readCalls - readsBefore) + " transport reads");
        }
    }

    @Test
    void hundredThousandRowsCopyInAndBack() throws PgException {
        SocketTransport t = new SocketTransport("127.0.0.1", EmbeddedPg.port());
        try (PgConnection c = PgConnection.connect(t, PgConnectOptions.builder("postgres").build())) {
            c.simpleQuery("DROP TABLE IF EXISTS big_in; CREATE TABLE big_in (id int8, name text, score float8)");
            long writesBefore = t.writeCalls;
            long started = System.nanoTime();
            CopyIn in = c.copyIn("COPY big_in (id, name, score) FROM STDIN (FORMAT binary)");
            BinaryCopyWriter w = new BinaryCopyWriter(in);
            for (int i = 1; i <= ROWS; i++) {
                w.startTuple(3);
                w.writeInt8(i);
                if (i % 10 == 0) {
                    w.writeNull();
                } else {
                    w.writeText("name-" + i + "-\u00e9");
                }
                w.writeFloat8(i / 4.0);
                w.endTuple();
            }
            w.finish();
            assertEquals(ROWS, in.finish());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            long writes = t.writeCalls - writesBefore;
            assertTrue(writes < 40, "COPY IN must go out in large chunks, got " + writes + " transport writes");
            QueryResult check = c.query("SELECT count(*), count(name), sum(id), sum(score) FROM big_in");
            assertEquals(Integer.toString(ROWS), check.value(0, 0));
            assertEquals(Integer.toString(ROWS - ROWS / 10), check.value(0, 1));
            assertEquals(Long.toString((long) ROWS * (ROWS + 1) / 2), check.value(0, 2));
            assertEquals("name-77-\u00e9", c.query("SELECT name FROM big_in WHERE id = 77").value(0, 0));
            System.out.println("COPY IN " + ROWS + " rows, " + in.bytesSent() + " bytes in " + elapsedMs + " ms, "
                    + writes + " transport writes");
        }
    }
}
