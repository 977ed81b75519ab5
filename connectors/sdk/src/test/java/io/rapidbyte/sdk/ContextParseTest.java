package io.rapidbyte.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.json.JsonObject;
import org.junit.jupiter.api.Test;

class ContextParseTest {
    @Test
    void readsStreamLimitsAndResume() {
        Context ctx = Context.parse("{\"stream\":\"public.users\",\"limits\":{\"max_batch_bytes\":900000,"
                + "\"max_batch_rows\":5000,\"max_inflight_batches\":8,\"checkpoint_interval_bytes\":1,"
                + "\"checkpoint_interval_rows\":2,\"checkpoint_interval_seconds\":3},"
                + "\"resume\":{\"cursor\":\"0/16B3748\"}}", CheckpointKind.SOURCE);
        assertEquals("public.users", ctx.stream());
        assertEquals(900_000, ctx.limits().maxBatchBytes());
        assertEquals(5000, ctx.limits().maxBatchRows());
        assertEquals(8, ctx.limits().maxInflightBatches());
        assertEquals(1, ctx.limits().checkpointIntervalBytes());
        assertEquals(2, ctx.limits().checkpointIntervalRows());
        assertEquals(3, ctx.limits().checkpointIntervalSeconds());
        assertEquals("0/16B3748", ((JsonObject) ctx.resume()).getString("cursor"));
    }

    @Test
    void missingLimitsTakeDefaultsAndNullResume() {
        Context ctx = Context.parse("{\"stream\":\"s\",\"resume\":null}", CheckpointKind.DEST);
        assertEquals(StreamLimits.DEFAULT_MAX_BATCH_BYTES, ctx.limits().maxBatchBytes());
        assertEquals(0, ctx.limits().checkpointIntervalSeconds());
        assertNull(ctx.resume());
    }

    @Test
    void rangedSnapshotIsPendingDoneOrAbsent() {
        assertNull(Context.parse("{\"stream\":\"s\",\"resume\":null}", CheckpointKind.SOURCE).rangedSnapshot());
        assertEquals(Context.RANGES_PENDING, Context.parse("{\"stream\":\"s\",\"resume\":null,"
                + "\"ranged_snapshot\":\"pending\"}", CheckpointKind.SOURCE).rangedSnapshot());
        assertEquals(Context.RANGES_DONE, Context.parse("{\"stream\":\"s\",\"resume\":null,"
                + "\"ranged_snapshot\":\"done\"}", CheckpointKind.SOURCE).rangedSnapshot());
        ConnectorException e = assertThrows(ConnectorException.class, () -> Context.parse(
                "{\"stream\":\"s\",\"ranged_snapshot\":\"later\"}", CheckpointKind.SOURCE));
        assertEquals("INVALID_ARGUMENT", e.error().code());
        assertTrue(e.error().message().contains("\"ranged_snapshot\" must be \"pending\" or \"done\""),
                e.error().message());
    }

    @Test
    void malformedContextIsAnInvalidArgument() {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> Context.parse("[]", CheckpointKind.SOURCE));
        assertEquals("INVALID_ARGUMENT", e.error().code());
    }
}
