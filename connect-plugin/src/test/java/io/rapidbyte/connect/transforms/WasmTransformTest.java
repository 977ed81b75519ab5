package io.rapidbyte.connect.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMT on the bundled example-mask and the test-transform guest, records built with Arrow Java. */
class WasmTransformTest {
    private static final String STREAM = "public.users";

    private static SinkRecord record(long offset, byte[] value) {
        ConnectHeaders headers = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(headers, STREAM, ArrowStreamInspector.inspect(FramePayload.wrap(value)));
        headers.addString("trace", "t-" + offset);
        return new SinkRecord("users", 0, Schema.STRING_SCHEMA, STREAM, Schema.BYTES_SCHEMA, value, offset, 1000L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, headers);
    }

    private static byte[] batch(long seq, int rows) {
        return ArrowStreams.stream(ArrowStreams.batchMetadata(STREAM, "run-1", seq), rows);
    }

    private static WasmTransform<SinkRecord> smt(Map<String, String> props) {
        WasmTransform<SinkRecord> t = new WasmTransform<>();
        t.configure(props);
        return t;
    }

    @Test
    void masksTheValueAndRewritesTheBatchHeaders() throws Exception {
        try (WasmTransform<SinkRecord> t = smt(Map.of("module.connector", "example-mask",
                "config.hash", "[\"name\"]"))) {
            SinkRecord in = record(5, batch(3, 10));
            SinkRecord out = t.apply(in);
            assertEquals(in.key(), out.key());
            assertEquals(in.kafkaOffset(), out.kafkaOffset());
            assertEquals(in.timestamp(), out.timestamp());
            byte[] value = (byte[]) out.value();
            List<String> names = names(value);
            for (int i = 0; i < 10; i++) {
                assertEquals(i % 3 == 0 ? null : sha256("row-" + i), names.get(i));
            }
            assertEquals("10", FrameHeaders.text(out.headers(), FrameHeaders.ROWS));
            assertEquals("3", FrameHeaders.text(out.headers(), FrameHeaders.SEQ));
            assertEquals("run-1", FrameHeaders.text(out.headers(), FrameHeaders.SYNC_RUN));
            assertEquals(STREAM, FrameHeaders.text(out.headers(), FrameHeaders.STREAM));
            assertEquals(ArrowStreamInspector.inspect(FramePayload.wrap(value)).fingerprint(),
                    FrameHeaders.text(out.headers(), FrameHeaders.SCHEMA_FINGERPRINT));
            assertNotEquals(FrameHeaders.text(in.headers(), FrameHeaders.SCHEMA_FINGERPRINT),
                    FrameHeaders.text(out.headers(), FrameHeaders.SCHEMA_FINGERPRINT), "the field's metadata changed");
            assertEquals(1, count(out, FrameHeaders.ROWS), "replaced, not added");
            assertEquals(1, count(out, FrameHeaders.CONTENT_TYPE));
            assertEquals("t-5", FrameHeaders.text(out.headers(), "trace"), "other headers kept");
            assertNotEquals(names(batch(4, 2)).get(1), names((byte[]) t.apply(record(6, batch(4, 2))).value()).get(1),
                    "the instance serves record after record");
        }
    }

    @Test
    void nonArrowRecordsFailAndTombstonesPass() {
        try (WasmTransform<SinkRecord> t = smt(Map.of("module.connector", "example-mask", "config.drop", "[\"name\"]"))) {
            SinkRecord json = new SinkRecord("users", 0, null, null, null, "{}".getBytes(StandardCharsets.UTF_8), 1);
            DataException e = assertThrows(DataException.class, () -> t.apply(json));
            assertTrue(e.getMessage().contains("content-type") && e.getMessage().contains("missing"), e.getMessage());
            SinkRecord tombstone = new SinkRecord("users", 0, null, STREAM, null, null, 2);
            assertSame(tombstone, t.apply(tombstone));
            DataException column = assertThrows(DataException.class, () -> smt(Map.of("module.connector", "example-mask",
                    "config.drop", "[\"email\"]")).apply(record(3, batch(1, 2))));
            assertTrue(column.getMessage().contains("\"email\"") && column.getMessage().contains(STREAM),
                    column.getMessage());
        }
    }

    @Test
    void configProblemsNameTheTransformsKeys() {
        assertConfigError(Map.of("module.connector", "example-mask", "config.hash", "name"), "config.hash");
        assertConfigError(Map.of("module.connector", "example-mask", "config.hash", "[\"a\"]", "config.nope", "1"),
                "config.nope");
        assertConfigError(Map.of("module.connector", "example-verify"), "module.connector");
        assertConfigError(Map.of("module.connector", "example-mask", "config.hash", "[\"a\"]",
                "module.sha256", "0".repeat(64)), "module.sha256");
        assertConfigError(Map.of("module.connector", "example-mask", "config.hash", "[\"a\"]",
                "memory.max.mb", "0"), "memory.max.mb");
        assertConfigError(Map.of(), "module.connector");
    }

    private static void assertConfigError(Map<String, String> props, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> smt(props));
        assertTrue(e.getMessage().contains(key) && !e.getMessage().contains("wasm."), e.getMessage());
    }

    @Test
    void noOutputDropsTheRecordAndATrapGetsAFreshInstance(@TempDir Path dir) throws IOException {
        Path wasm = dir.resolve("test-transform.wasm");
        try (InputStream in = WasmTransformTest.class.getResourceAsStream("/guests/test-transform.wasm")) {
            Files.write(wasm, in.readAllBytes());
        }
        Map<String, String> props = new HashMap<>(Map.of("module.path", wasm.toString(), "config.drop_every", "2"));
        try (WasmTransform<SinkRecord> t = smt(props)) {
            SinkRecord first = record(1, batch(1, 3));
            org.junit.jupiter.api.Assertions.assertArrayEquals((byte[]) first.value(), (byte[]) t.apply(first).value(),
                    "passed through: the same bytes");
            assertNull(t.apply(record(2, batch(2, 3))), "the second batch is dropped");
        }
        try (WasmTransform<SinkRecord> t = smt(Map.of("module.path", wasm.toString(), "config.trap_after_batches", "1"))) {
            t.apply(record(1, batch(1, 3)));
            ConnectException trap = assertThrows(ConnectException.class, () -> t.apply(record(2, batch(2, 3))));
            assertTrue(trap.getMessage().contains("offset 2"), trap.getMessage());
            assertTrue(t.apply(record(3, batch(3, 3))) != null, "a new instance after the trap");
        }
    }

    private static long count(SinkRecord r, String key) {
        long n = 0;
        for (var it = r.headers().allWithName(key); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    private static List<String> names(byte[] value) throws IOException {
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(value), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            List<String> out = new java.util.ArrayList<>();
            while (reader.loadNextBatch()) {
                VarCharVector v = (VarCharVector) root.getVector("name");
                for (int i = 0; i < root.getRowCount(); i++) {
                    out.add(v.isNull(i) ? null : new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
