package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.examples.generator.RowValues;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.StreamLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** The compiled generator run alone under the real host; its frames read with arrow-vector. */
class GeneratorOutputTest {
    private static final long SEED = 7;
    private static final int NULL_EVERY = 7;
    private static final String CONFIG = "{\"rows\": 2500, \"batch_rows\": 700, \"seed\": " + SEED
            + ", \"null_every\": " + NULL_EVERY + "}";
    private static final StreamLimits LIMITS = new StreamLimits(1 << 20, 10_000, 4, 0, 0, 0);

    @Test
    void everyCellMatchesThePlainJavaDefinitionWhenReadByArrowJava() {
        GeneratorRun run = GeneratorRun.of(CONFIG, LIMITS, null);
        assertEquals(4, run.frames().size(), "700 + 700 + 700 + 400 rows");
        RowValues values = new RowValues(RowValues.streamSeed(SEED, GeneratorRun.STREAM), NULL_EVERY);
        long[] next = {0};
        try (ArrowVectorFrames arrow = new ArrowVectorFrames()) {
            for (FramePayload frame : run.frames()) {
                assertEquals(1, arrow.forEachBatch(frame, (schema, root) -> {
                    for (int row = 0; row < root.getRowCount(); row++) {
                        GeneratedRowAssert.assertRow(values, root, row, next[0]++);
                    }
                }), "one record batch per frame");
            }
        }
        assertEquals(2500, next[0]);
        assertEquals(2500, run.summary().recordsRead());
        assertEquals(4, run.summary().batchesEmitted());
        assertEquals(4, run.summary().checkpointCount());
        assertEquals(run.frames().stream().mapToLong(FramePayload::length).sum(), run.summary().bytesRead());
    }

    @Test
    void schemaHasEveryTypeAndTheBatchMetadata() {
        GeneratorRun run = GeneratorRun.of(CONFIG, LIMITS, null);
        List<ArrowType> expected = List.of(
                new ArrowType.Int(64, true), new ArrowType.Int(8, true), new ArrowType.Int(16, true),
                new ArrowType.Int(32, true), new ArrowType.Int(64, true),
                new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), ArrowType.Bool.INSTANCE,
                ArrowType.Utf8.INSTANCE, ArrowType.Binary.INSTANCE, new ArrowType.Date(DateUnit.DAY),
                new ArrowType.Time(TimeUnit.MICROSECOND, 64), new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"), new ArrowType.Decimal(38, 9, 128),
                new ArrowType.FixedSizeBinary(16), new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO),
                ArrowType.List.INSTANCE, ArrowType.List.INSTANCE);
        Set<String> syncRuns = new HashSet<>();
        try (ArrowVectorFrames arrow = new ArrowVectorFrames()) {
            for (int i = 0; i < run.frames().size(); i++) {
                Schema schema = arrow.schema(run.frames().get(i));
                List<ArrowType> types = new ArrayList<>();
                for (Field f : schema.getFields()) {
                    types.add(f.getType());
                    assertTrue(f.getMetadata().containsKey("rapidbyte.pg_type"), f.getName());
                }
                assertEquals(expected, types);
                assertEquals(new ArrowType.Int(32, true), schema.findField("scores").getChildren().get(0).getType());
                assertEquals(ArrowType.Utf8.INSTANCE, schema.findField("labels").getChildren().get(0).getType());
                assertEquals("numeric(38,9)", schema.findField("amount").getMetadata().get("rapidbyte.pg_type"));
                Map<String, String> m = schema.getCustomMetadata();
                assertEquals(GeneratorRun.STREAM, m.get("rapidbyte.stream"));
                assertEquals(Integer.toString(i + 1), m.get("rapidbyte.seq"));
                assertEquals("id", m.get("rapidbyte.primary_key"));
                assertEquals("full_refresh", m.get("rapidbyte.sync_mode"));
                syncRuns.add(m.get("rapidbyte.sync_run"));
            }
        }
        assertEquals(1, syncRuns.size(), "one sync run: " + syncRuns);
    }

    @Test
    void checkpointsAfterEveryBatchAndResumingReproducesTheRemainingFrames() {
        GeneratorRun full = GeneratorRun.of(CONFIG, LIMITS, null);
        List<String> checkpoints = full.checkpoints();
        assertEquals(4, checkpoints.size());
        long[] nextRows = {700, 1400, 2100, 2500};
        for (int i = 0; i < 4; i++) {
            JsonNode c = Jsons.read(checkpoints.get(i));
            assertEquals(nextRows[i], c.get("next_row").asLong());
            assertEquals(i + 2, c.get("seq").asLong(), "the seq of the next batch");
        }
        GeneratorRun resumed = GeneratorRun.of(CONFIG, LIMITS, checkpoints.get(1));
        assertEquals(full.frames().subList(2, 4), resumed.frames(),
                "same rows, same seq and sync_run: byte-identical frames");
        assertEquals(700 + 400, resumed.summary().recordsRead());
        assertEquals(0, GeneratorRun.of(CONFIG, LIMITS, checkpoints.get(3)).frames().size(), "nothing left");
    }

    @Test
    void batchesRespectTheRunsByteAndRowCaps() {
        int maxBytes = 24_000;
        GeneratorRun byBytes = GeneratorRun.of(CONFIG, new StreamLimits(maxBytes, 10_000, 4, 0, 0, 0), null);
        assertTrue(byBytes.frames().size() > 4, "the byte cap splits batches further");
        for (FramePayload f : byBytes.frames()) {
            assertTrue(f.length() <= maxBytes, () -> "frame of " + f.length() + " bytes");
        }
        assertEquals(List.of(0L, 2500L), idRange(byBytes.frames()), "every row exactly once, in order");

        GeneratorRun byRows = GeneratorRun.of(CONFIG, new StreamLimits(1 << 20, 300, 4, 0, 0, 0), null);
        assertEquals(9, byRows.frames().size(), "2500 rows at most 300 per batch");
        assertEquals(List.of(0L, 2500L), idRange(byRows.frames()));
    }

    /** [first id, next id] after checking that ids are contiguous across all frames. */
    private static List<Long> idRange(List<FramePayload> frames) {
        long[] next = {-1};
        long[] first = {-1};
        try (ArrowVectorFrames arrow = new ArrowVectorFrames()) {
            for (FramePayload f : frames) {
                arrow.forEachBatch(f, (schema, root) -> {
                    BigIntVector ids = (BigIntVector) root.getVector("id");
                    assertTrue(root.getRowCount() > 0, "no empty batch");
                    for (int i = 0; i < root.getRowCount(); i++) {
                        if (first[0] < 0) {
                            first[0] = ids.get(i);
                            next[0] = ids.get(i);
                        }
                        assertEquals(next[0]++, ids.get(i));
                    }
                });
            }
        }
        return List.of(first[0], next[0]);
    }
}
