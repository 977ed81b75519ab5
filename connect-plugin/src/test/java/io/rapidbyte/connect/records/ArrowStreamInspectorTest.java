package io.rapidbyte.connect.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowStreamInspectorTest {
    private static FrameSummary inspect(byte[] bytes) {
        return ArrowStreamInspector.inspect(FramePayload.wrap(bytes));
    }

    @Test
    void readsRowsAndBatchMetadataOfAnArrowJavaStream() {
        FrameSummary s = inspect(ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "run-1", 7), 1234));
        assertEquals(1234, s.rows());
        assertEquals(1, s.recordBatches());
        assertEquals("public.orders", s.stream());
        assertEquals("run-1", s.syncRun());
        assertEquals("7", s.seq());
        assertTrue(s.fingerprint().matches("sha256:[0-9a-f]{32}"), s.fingerprint());
    }

    @Test
    void sumsRowsOverSeveralRecordBatches() {
        Schema schema = ArrowStreams.defaultSchema(Map.of());
        assertEquals(30, inspect(ArrowStreams.stream(schema, 10, 3)).rows());
        assertEquals(3, inspect(ArrowStreams.stream(schema, 10, 3)).recordBatches());
    }

    @Test
    void readsAWindowOfALargerArray() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 5);
        byte[] padded = new byte[ipc.length + 20];
        System.arraycopy(ipc, 0, padded, 11, ipc.length);
        assertEquals(5, ArrowStreamInspector.inspect(FramePayload.wrap(padded, 11, ipc.length)).rows());
    }

    @Test
    void fingerprintIgnoresSchemaMetadataButNotFieldsTypesOrFieldMetadata() {
        String a = inspect(ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 3)).fingerprint();
        String b = inspect(ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 2), 9)).fingerprint();
        assertEquals(a, b, "seq and row count do not change the schema");

        Field id = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null,
                Map.of("rapidbyte.pg_type", "int8")), null);
        Field name = new Field("name", FieldType.nullable(new ArrowType.Utf8()), null);
        String otherPgType = inspect(ArrowStreams.stream(new Schema(List.of(id, name)), 1, 1)).fingerprint();
        assertNotEquals(a, otherPgType);

        Field ts = new Field("name", FieldType.nullable(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")), null);
        Field idPlain = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null,
                Map.of("rapidbyte.pg_type", "bigint")), null);
        Schema withTimestamp = new Schema(List.of(idPlain, ts));
        assertNotEquals(a, fingerprintOfEmptyStream(withTimestamp));
    }

    /** A thread reuses the fingerprint of the schema it described last: never for another schema. */
    @Test
    void rememberedFingerprintsNeverLeakIntoAnotherSchema() throws Exception {
        Schema a = ArrowStreams.defaultSchema(Map.of());
        Field wider = new Field("id", new FieldType(false, new ArrowType.Int(32, true), null,
                Map.of("rapidbyte.pg_type", "bigint")), null);
        Schema b = new Schema(List.of(wider, new Field("name", FieldType.nullable(new ArrowType.Utf8()), null)));
        String[] fresh = new String[2];
        Thread other = new Thread(() -> {
            fresh[0] = fingerprintOfEmptyStream(a);
        });
        other.start();
        other.join();
        Thread another = new Thread(() -> {
            fresh[1] = fingerprintOfEmptyStream(b);
        });
        another.start();
        another.join();
        assertNotEquals(fresh[0], fresh[1]);
        for (int round = 0; round < 3; round++) {
            assertEquals(fresh[0], fingerprintOfEmptyStream(a), "round " + round);
            assertEquals(fresh[0], fingerprintOfEmptyStream(a), "again, round " + round);
            assertEquals(fresh[1], fingerprintOfEmptyStream(b), "round " + round);
        }
    }

    @Test
    void fieldMetadataIsDescribedInKeyOrderWhateverOrderItWasWrittenIn() {
        Map<String, String> forward = new java.util.LinkedHashMap<>();
        forward.put("a.first", "1");
        forward.put("b.second", "2");
        Map<String, String> backward = new java.util.LinkedHashMap<>();
        backward.put("b.second", "2");
        backward.put("a.first", "1");
        Field f = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null, forward), null);
        Field g = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null, backward), null);
        Field h = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null, Map.of("a.first", "1")), null);
        String inOrder = fingerprintOfEmptyStream(new Schema(List.of(f)));
        assertEquals(inOrder, fingerprintOfEmptyStream(new Schema(List.of(g))));
        assertNotEquals(inOrder, fingerprintOfEmptyStream(new Schema(List.of(h))));
    }

    /**
     * Values computed by the implementation before fingerprints were remembered and ASCII names
     * appended undecoded: records in Kafka carry them, so they must never change.
     */
    @Test
    void fingerprintValuesAreStable() {
        Field id = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null,
                Map.of("rapidbyte.pg_type", "bigint")), null);
        Field name = new Field("name", FieldType.nullable(new ArrowType.Utf8()), null);
        assertEquals("sha256:25a7503766f3998f6f718e7761ecfb6a", fingerprintOfEmptyStream(new Schema(List.of(id, name))));
        Field counted = new Field("z\u00e4hlung", new FieldType(true, new ArrowType.Int(32, true), null,
                Map.of("rapidbyte.pg_type", "\u00fcn\u00efcode")), null);
        Field named = new Field("\u540d\u524d", FieldType.nullable(new ArrowType.Utf8()), null);
        assertEquals("sha256:9b524c46a9aed2bd0dacc63470908a09", fingerprintOfEmptyStream(new Schema(List.of(counted, named))),
                "non-ASCII names and metadata");
        Map<String, String> several = new java.util.LinkedHashMap<>();
        several.put("b.second", "2");
        several.put("a.first", "1");
        Field multi = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null, several), null);
        assertEquals("sha256:7c942c74d2d0b6e48cb51f862033f4cb", fingerprintOfEmptyStream(new Schema(List.of(multi))),
                "several metadata entries");
    }

    private static String fingerprintOfEmptyStream(Schema schema) {
        // Zero batches: schema message and end-of-stream only (no id/name vectors to fill).
        try (org.apache.arrow.memory.BufferAllocator allocator = new org.apache.arrow.memory.RootAllocator();
             org.apache.arrow.vector.VectorSchemaRoot root = org.apache.arrow.vector.VectorSchemaRoot.create(schema, allocator)) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (org.apache.arrow.vector.ipc.ArrowStreamWriter w = new org.apache.arrow.vector.ipc.ArrowStreamWriter(root,
                    null, java.nio.channels.Channels.newChannel(out))) {
                w.start();
                w.end();
            }
            FrameSummary s = inspect(out.toByteArray());
            assertEquals(0, s.rows());
            return s.fingerprint();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rejectsStreamsThatAreNotCompleteIpcStreams() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 5);
        assertThrows(InvalidFrameException.class, () -> inspect(new byte[0]));
        assertThrows(InvalidFrameException.class, () -> inspect("hello, not arrow".getBytes()));
        assertThrows(InvalidFrameException.class, () -> inspect(Arrays.copyOf(ipc, ipc.length - 8)),
                "missing end-of-stream marker");
        assertThrows(InvalidFrameException.class, () -> inspect(Arrays.copyOf(ipc, ipc.length - 3)), "truncated");
        byte[] trailing = Arrays.copyOf(ipc, ipc.length + 8);
        assertThrows(InvalidFrameException.class, () -> inspect(trailing), "bytes after the end-of-stream marker");
        byte[] eosOnly = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0};
        assertThrows(InvalidFrameException.class, () -> inspect(eosOnly), "no schema message");
    }

    @Test
    void corruptedBytesOnlyEverFailAsInvalidFrames() {
        byte[] ipc = ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "run", 3), 50);
        Random random = new Random(42);
        int valid = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] copy = ipc.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            try {
                inspect(copy);
                valid++;
            } catch (InvalidFrameException expected) {
                // the only acceptable failure
            }
        }
        assertTrue(valid < 5_000, "some corruption must be detected");
    }
}
