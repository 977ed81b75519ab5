package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.BatchInput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.host.types.TransformSummary;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled example-mask run through the host on the generator's frames, its output read with
 * arrow-vector and its digests recomputed with the JDK's MessageDigest and Mac.
 */
class MaskTransformTest {
    private static final int ROWS = 1200;
    private static final GeneratorRun INPUT = GeneratorRun.of("{\"rows\": " + ROWS + ", \"batch_rows\": 500}",
            StreamLimits.DEFAULT, null);

    private record Run(List<FramePayload> frames, TransformSummary summary) {
    }

    private static Run mask(String config) {
        Iterator<FramePayload> frames = INPUT.frames().iterator();
        BatchInput input = new BatchInput() {
            @Override
            public FramePayload next() {
                return frames.hasNext() ? frames.next() : null;
            }

            @Override
            public void abandon() {
            }
        };
        CapturingOutput output = new CapturingOutput();
        try (ConnectorInstance mask = ConnectorInstance.builder(ExampleModules.mask(), Role.TRANSFORM)
                .name("mask").listener(new StageRecordingListener()).input(input).output(output).build()) {
            mask.open(config);
            TransformSummary summary = mask.runTransform(StreamLimits.DEFAULT.contextJson(GeneratorRun.STREAM, null));
            return new Run(List.copyOf(output.frames), summary);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k\u00e9y"})
    void masksEveryRowOfEveryBatchAsTheJdkComputesIt(String key) {
        String keyMember = key.isEmpty() ? "" : ", \"hash_key\": \"" + key + "\"";
        Run run = mask("{\"hash\": [\"name\", \"uuid\"], \"redact\": [\"i32\", \"labels\"], \"drop\": [\"payload\","
                + " \"scores\"]" + keyMember + "}");
        assertEquals(INPUT.frames().size(), run.frames().size(), "one output frame per input frame");
        assertEquals(ROWS, run.summary().recordsIn());
        assertEquals(ROWS, run.summary().recordsOut());
        int checked = 0;
        try (ArrowVectorFrames arrow = new ArrowVectorFrames()) {
            for (int b = 0; b < run.frames().size(); b++) {
                List<List<Object>> in = rows(arrow, INPUT.frames().get(b), List.of("id", "name", "uuid", "i32"));
                var schemaIn = arrow.schema(INPUT.frames().get(b));
                var schemaOut = arrow.schema(run.frames().get(b));
                assertEquals(schemaIn.getCustomMetadata(), schemaOut.getCustomMetadata(), "batch metadata kept");
                List<String> expectedNames = new ArrayList<>();
                schemaIn.getFields().forEach(f -> {
                    if (!f.getName().equals("payload") && !f.getName().equals("scores")) {
                        expectedNames.add(f.getName());
                    }
                });
                assertEquals(expectedNames, schemaOut.getFields().stream().map(Field::getName).toList());
                Field name = schemaOut.findField("name");
                assertEquals(key.isEmpty() ? "sha256" : "hmac-sha256", name.getMetadata().get("rapidbyte.masked"));
                assertEquals("text", name.getMetadata().get("rapidbyte.pg_type"));
                List<List<Object>> out = rows(arrow, run.frames().get(b), List.of("id", "name", "uuid", "i32"));
                assertEquals(in.size(), out.size());
                for (int r = 0; r < in.size(); r++) {
                    assertEquals(in.get(r).get(0), out.get(r).get(0), "row order and ids kept");
                    assertEquals(digest(key, (byte[]) in.get(r).get(1)), out.get(r).get(1));
                    assertEquals(digest(key, (byte[]) in.get(r).get(2)), out.get(r).get(2));
                    assertNull(out.get(r).get(3), "redacted int32 is null");
                    checked++;
                }
            }
        }
        assertEquals(ROWS, checked);
    }

    /** Per row: id (Long), then the other columns as bytes (utf8 as hex digits' text after masking), null for null. */
    private static List<List<Object>> rows(ArrowVectorFrames arrow, FramePayload frame, List<String> columns) {
        List<List<Object>> rows = new ArrayList<>();
        arrow.forEachBatch(frame, (schema, root) -> collect(root, columns, rows));
        return rows;
    }

    private static void collect(VectorSchemaRoot root, List<String> columns, List<List<Object>> rows) {
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (String c : columns) {
                FieldVector v = root.getVector(c);
                if (v.isNull(r)) {
                    row.add(null);
                } else if (v instanceof BigIntVector ids) {
                    row.add(ids.get(r));
                } else if (v instanceof VarCharVector text && text.getField().getMetadata().containsKey("rapidbyte.masked")) {
                    row.add(new String(text.get(r), StandardCharsets.UTF_8));
                } else if (v instanceof VarCharVector text) {
                    row.add(text.get(r));
                } else if (v instanceof FixedSizeBinaryVector fixed) {
                    row.add(fixed.get(r));
                } else {
                    row.add(v.getObject(r));
                }
            }
            rows.add(row);
        }
    }

    private static String digest(String key, byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            if (key.isEmpty()) {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void streamsNotListedPassByteForByte() {
        Run run = mask("{\"drop\": [\"name\"], \"streams\": [\"public.other\"]}");
        assertEquals(INPUT.frames().size(), run.frames().size());
        for (int b = 0; b < run.frames().size(); b++) {
            assertEquals(INPUT.frames().get(b).asByteBuffer(), run.frames().get(b).asByteBuffer());
        }
    }

    @Test
    void anUnknownColumnFailsTheRunNamingColumnAndStream() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> mask("{\"hash\": [\"email\"]}"));
        assertEquals(ErrorCategory.CONFIG, e.error().category());
        assertEquals("UNKNOWN_COLUMN", e.error().code());
        assertTrue(e.error().message().contains("\"email\"") && e.error().message().contains(GeneratorRun.STREAM),
                e.error().message());
        ConnectorException type = assertThrows(ConnectorException.class, () -> mask("{\"hash\": [\"i64\"]}"));
        assertEquals("UNSUPPORTED_COLUMN", type.error().code());
        assertTrue(type.error().message().contains("int64"), type.error().message());
    }
}
