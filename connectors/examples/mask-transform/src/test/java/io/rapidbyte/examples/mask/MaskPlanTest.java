package io.rapidbyte.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskPlanTest {
    private static void assertRefused(String config, String code, String... mentions) {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> MaskPlan.bind(MaskBatches.config(config), MaskBatches.USERS, "public.users"));
        assertEquals(ErrorCategory.CONFIG, e.error().category());
        assertEquals(code, e.error().code(), e.getMessage());
        for (String m : mentions) {
            assertTrue(e.error().message().contains(m), e.error().message());
        }
    }

    @Test
    void refusesWhatItCannotDoExactly() {
        assertRefused("{\"hash\": [\"mail\"]}", "UNKNOWN_COLUMN", "\"mail\"", "\"public.users\"", "email");
        assertRefused("{\"hash\": [\"score\"]}", "UNSUPPORTED_COLUMN", "\"score\"", "int32", "public.users");
        assertRefused("{\"hash\": [\"born\"]}", "UNSUPPORTED_COLUMN", "date32");
        assertRefused("{\"redact\": [\"score\"]}", "UNSUPPORTED_COLUMN", "\"score\"", "not nullable");
        assertRefused("{\"drop\": [\"id\"]}", "UNSUPPORTED_COLUMN", "primary-key", "dropping");
        assertRefused("{\"redact\": [\"id\"]}", "UNSUPPORTED_COLUMN", "primary-key");
    }

    @Test
    void metadataAloneIsNoDrift() {
        MaskPlan plan = MaskPlan.bind(MaskBatches.config("{\"drop\": [\"photo\"]}"), MaskBatches.USERS, "s");
        assertTrue(plan.accepts(new Schema(MaskBatches.USERS.fields(), Map.of("rapidbyte.seq", "8"))));
        assertTrue(!plan.accepts(Schema.of(MaskBatches.USERS.field(0))));
    }

    private static final Schema CHANGES = new Schema(Schema.of(
            Field.notNull("id", ArrowType.INT64),
            Field.nullable("bio", ArrowType.UTF8),
            Field.nullable("notes", ArrowType.UTF8),
            Field.nullable("doc", ArrowType.UTF8),
            Field.notNull("_rapidbyte_op", ArrowType.UTF8),
            Field.notNull("_rapidbyte_lsn", ArrowType.INT64),
            Field.nullable("_rapidbyte_commit_ts", ArrowType.timestampMicros("UTC")),
            Field.nullable("_rapidbyte_unchanged", ArrowType.UTF8)).fields(),
            Map.of("rapidbyte.sync_mode", "cdc", "rapidbyte.primary_key", "id"));

    @Test
    void droppingFromAChangeBatchRenumbersTheUnchangedColumns() {
        RecordBatchBuilder b = new RecordBatchBuilder(CHANGES);
        String[] unchanged = {",1,3,", ",2,", null, ",3,"};
        for (int i = 0; i < unchanged.length; i++) {
            b.intColumn(0).append(i);
            for (int c = 1; c < 4; c++) {
                b.column(c).appendNull();
            }
            b.varBinaryColumn(4).append("u");
            b.intColumn(5).append(100 + i);
            b.intColumn(6).append(0);
            if (unchanged[i] == null) {
                b.column(7).appendNull();
            } else {
                b.varBinaryColumn(7).append(unchanged[i]);
            }
        }
        RecordBatch in = MaskBatches.decode(MaskBatches.encode(CHANGES, b));
        MaskConfig cfg = MaskBatches.config("{\"drop\": [\"notes\"], \"hash\": [\"bio\"]}");
        BatchMasker masker = new BatchMasker(cfg, MaskPlan.bind(cfg, CHANGES, "s"));
        RecordBatch out = MaskBatches.decode(MaskBatches.encode(masker.plan().outputSchema(CHANGES.metadata()),
                masker.apply(in)));
        assertEquals(7, out.schema().fieldCount());
        assertEquals(",1,2,", out.varBinaryColumn(6).getString(0), "bio stays 1, doc moves from 3 to 2");
        assertTrue(out.column(6).isNull(1), "only the dropped column was unchanged: none left");
        assertTrue(out.column(6).isNull(2));
        assertEquals(",2,", out.varBinaryColumn(6).getString(3));
        assertEquals(103, out.intColumn(4).getLong(3));
    }

    @Test
    void changeColumnsAreNeverMasked() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> MaskPlan.bind(MaskBatches.config("{\"drop\": [\"_rapidbyte_lsn\"]}"), CHANGES, "s"));
        assertEquals("UNSUPPORTED_COLUMN", e.error().code());
    }
}
