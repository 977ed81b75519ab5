package io.rapidbyte.examples.mask;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchMaskerTest {
    private static final int ROWS = 50;
    private static final RecordBatch BATCH = MaskBatches.decode(MaskBatches.encode(MaskBatches.USERS,
            MaskBatches.users(ROWS)));

    private static RecordBatch mask(String config) {
        MaskConfig cfg = MaskBatches.config(config);
        BatchMasker masker = new BatchMasker(cfg, MaskPlan.bind(cfg, BATCH.schema(), "public.users"));
        return MaskBatches.decode(MaskBatches.encode(masker.plan().outputSchema(BATCH.schema().metadata()),
                masker.apply(BATCH)));
    }

    @Test
    void hashesEveryByteTypeAsTheJdkDoes() {
        RecordBatch out = mask("{\"hash\": [\"email\", \"photo\", \"token\", \"name\"]}");
        assertEquals(ROWS, out.rowCount());
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i, out.intColumn(0).getLong(i), "row order and unmasked values kept");
            if (i % 4 == 3) {
                assertTrue(out.column(1).isNull(i) && out.column(2).isNull(i) && out.column(3).isNull(i), "nulls stay null");
            } else {
                assertEquals(MaskBatches.sha256(MaskBatches.email(i).getBytes(StandardCharsets.UTF_8)),
                        out.varBinaryColumn(1).getString(i));
                assertEquals(MaskBatches.sha256(BATCH.varBinaryColumn(2).getBytes(i)), out.varBinaryColumn(2).getString(i));
                assertEquals(MaskBatches.sha256(BATCH.fixedSizeBinaryColumn(3).getBytes(i)),
                        out.varBinaryColumn(3).getString(i));
            }
            assertEquals(MaskBatches.sha256(("name " + i).getBytes(StandardCharsets.UTF_8)),
                    out.varBinaryColumn(4).getString(i));
        }
        Schema schema = out.schema();
        assertEquals(MaskBatches.METADATA, schema.metadata(), "batch metadata kept");
        Field token = schema.field(3);
        assertEquals(ArrowType.UTF8, token.type());
        assertTrue(token.isNullable());
        assertEquals(Map.of("rapidbyte.pg_type", "text", "rapidbyte.masked", "sha256"), token.metadata());
        assertEquals(Map.of("rapidbyte.masked", "sha256"), schema.field(2).metadata(), "no pg_type invented");
        assertFalse(schema.field(4).isNullable(), "nullability kept");
        assertEquals(BATCH.schema().field(5), schema.field(5), "unmasked fields unchanged, metadata included");
    }

    @Test
    void aKeyMakesItHmac() {
        RecordBatch out = mask("{\"hash\": [\"email\"], \"hash_key\": \"s3cr\u00e9t\"}");
        assertEquals(MaskBatches.hmac("s3cr\u00e9t", MaskBatches.email(0).getBytes(StandardCharsets.UTF_8)),
                out.varBinaryColumn(1).getString(0));
        assertEquals("hmac-sha256", out.schema().field(1).metadata().get("rapidbyte.masked"));
    }

    @Test
    void redactsTextToTheReplacementAndOtherTypesToNull() {
        RecordBatch out = mask("{\"redact\": [\"email\", \"name\", \"born\", \"photo\"], \"replacement\": \"<gone>\"}");
        for (int i = 0; i < ROWS; i++) {
            assertEquals(i % 4 == 3 ? null : "<gone>", out.varBinaryColumn(1).getString(i));
            assertEquals("<gone>", out.varBinaryColumn(4).getString(i));
            assertTrue(out.column(5).isNull(i) && out.column(2).isNull(i));
            assertEquals(i * 3, out.intColumn(6).getLong(i));
        }
        assertEquals(Map.of("rapidbyte.pg_type", "text", "rapidbyte.masked", "redact"), out.schema().field(1).metadata());
        Field born = out.schema().field(5);
        assertEquals(ArrowType.DATE32, born.type());
        assertEquals(Map.of("rapidbyte.pg_type", "date", "rapidbyte.infinity", "max_min", "rapidbyte.masked", "redact"),
                born.metadata());
    }

    @Test
    void dropsColumnsAndKeepsTheRest() {
        RecordBatch out = mask("{\"drop\": [\"photo\", \"born\"], \"hash\": [\"email\"]}");
        assertEquals(List.of("id", "email", "token", "name", "score"),
                out.schema().fields().stream().map(Field::name).toList());
        assertArrayEquals(BATCH.fixedSizeBinaryColumn(3).getBytes(1), out.fixedSizeBinaryColumn(2).getBytes(1));
        assertEquals(9, out.intColumn(4).getLong(3));
        assertNull(out.varBinaryColumn(1).getString(3));
    }
}
