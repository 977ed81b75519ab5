package io.rapidbyte.source.postgres.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.source.postgres.ArrowFrames;
import io.rapidbyte.source.postgres.TestTuples;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.query.ReadPlan;
import io.rapidbyte.source.postgres.query.ReadPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch cutting on the JVM: row and byte caps, key groups, positions, oversized rows. */
class BatchAssemblerTest {
    private static final SourceTable TABLE = new SourceTable("s", "t", 'r', List.of(
            new ColumnInfo("id", 1, "bigint", true, PgOids.INT8, -1, 'b', 0, '\0', true),
            new ColumnInfo("g", 2, "integer", true, PgOids.INT4, -1, 'b', 0, '\0', true),
            new ColumnInfo("label", 3, "text", false, PgOids.TEXT, -1, 'b', 0, '\0', true)),
            List.of("id"), List.of(List.of("id")));

    /** What the sink received: each batch encoded as a complete IPC stream, with its position. */
    private static final class Captured implements BatchSink {
        final List<byte[]> frames = new ArrayList<>();
        final List<List<String>> positions = new ArrayList<>();
        final List<Boolean> last = new ArrayList<>();
        private final BatchMetadata metadata;

        Captured(List<Field> fields) {
            metadata = new BatchMetadata(fields, "s.t", "run", List.of("id"), "full_refresh");
        }

        @Override
        public void emit(RecordBatchBuilder batch, List<String> position, boolean isLast) {
            IpcStreamWriter w = new IpcStreamWriter(metadata.schema(frames.size() + 1));
            w.writeBatch(batch);
            w.finish();
            frames.add(w.toByteArray());
            positions.add(position);
            last.add(isLast);
        }
    }

    private record Setup(ReadPlan plan, BatchAssembler assembler, Captured sink, BatchMetadata metadata) {
    }

    private static Setup setup(StreamConfig stream, long maxRows, long maxBytes, boolean emptyBatch) {
        ReadPlan plan = ReadPlanner.plan(stream, TABLE, null, true);
        List<Field> fields = new ArrayList<>();
        for (ColumnMapping m : plan.columns()) {
            fields.add(m.field());
        }
        RecordBatchBuilder batch = new RecordBatchBuilder(new Schema(fields, null));
        RowDecoder decoder = new RowDecoder("s.t", plan.columns(), batch, (c, r) -> { }, Redactor.none());
        Captured sink = new Captured(fields);
        long budget = maxBytes - sink.metadata.streamOverhead();
        return new Setup(plan, new BatchAssembler(plan, batch, decoder, sink, maxRows, budget, emptyBatch,
                Redactor.none()), sink, sink.metadata);
    }

    private static TestTuples row(long id, int g, String label) {
        return TestTuples.row().int8(id).int4(g).text(label);
    }

    @Test
    void rowCapCutsBatchesAndPositionsAreTheLastKeys() {
        Setup s = setup(StreamConfig.fullRefresh("s.t"), 4, 1_000_000, true);
        for (int i = 1; i <= 10; i++) {
            s.assembler().accept(row(i, i, "r" + i).text(Integer.toString(i)).tuple());
        }
        s.assembler().finish();
        assertEquals(List.of(List.of("4"), List.of("8"), List.of("10")), s.sink().positions);
        assertEquals(List.of(false, false, true), s.sink().last);
        List<Map<String, Object>> rows = ArrowFrames.rows(s.sink().frames);
        assertEquals(10, rows.size());
        assertEquals("r10", rows.get(9).get("label"));
        assertEquals("3", ArrowFrames.read(s.sink().frames.get(2)).metadata().get("rapidbyte.seq"));
    }

    @Test
    void byteCapHoldsForEveryBatch() {
        int maxBytes = 8192;
        Setup s = setup(StreamConfig.fullRefresh("s.t"), 1_000_000, maxBytes, true);
        for (int i = 1; i <= 3000; i++) {
            String label = i % 7 == 0 ? null : "label-" + "x".repeat(i % 97);
            s.assembler().accept(row(i, i % 5, label).text(Integer.toString(i)).tuple());
        }
        s.assembler().finish();
        long total = 0;
        List<byte[]> frames = s.sink().frames;
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            assertTrue(f.length <= maxBytes, "frame of " + f.length + " bytes");
            assertTrue(i == frames.size() - 1 || f.length > maxBytes / 4, "cut needlessly early: " + f.length);
            total += ArrowFrames.read(f).rows().size();
        }
        assertEquals(3000, total);
    }

    @Test
    void groupedKeysEndBatchesOnlyBetweenValues() {
        StreamConfig inc = new StreamConfig("s.t", SyncMode.INCREMENTAL, "g", List.of(), null);
        Setup s = setup(inc, 5, 1_000_000, false);
        int[] groups = {1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 5, 5};
        for (int i = 0; i < groups.length; i++) {
            boolean newGroup = i == 0 || groups[i] != groups[i - 1];
            s.assembler().accept(row(i + 1, groups[i], "x").text(Integer.toString(groups[i])).bool(newGroup).tuple());
        }
        s.assembler().finish();
        List<Integer> sizes = new ArrayList<>();
        for (byte[] f : s.sink().frames) {
            sizes.add(ArrowFrames.read(f).rows().size());
        }
        assertEquals(List.of(5, 5, 2), sizes, "{1,1,1,2,2} {3,3,3,3,4} {5,5}");
        assertEquals(List.of(List.of("2"), List.of("4"), List.of("5")), s.sink().positions);
    }

    @Test
    void aGroupLargerThanABatchIsAClearError() {
        StreamConfig inc = new StreamConfig("s.t", SyncMode.INCREMENTAL, "g", List.of(), null);
        Setup s = setup(inc, 3, 1_000_000, false);
        ConnectorException e = assertThrows(ConnectorException.class, () -> {
            for (int i = 0; i < 5; i++) {
                s.assembler().accept(row(i, 7, "x").text("7").bool(i == 0).tuple());
            }
            s.assembler().finish();
        });
        assertEquals("KEY_GROUP_TOO_LARGE", e.error().code());
        assertTrue(e.error().message().contains("configure a unique tie_breaker"), e.error().message());
    }

    @Test
    void aRowLargerThanABatchIsAClearError() {
        Setup s = setup(StreamConfig.fullRefresh("s.t"), 100, 8192, true);
        s.assembler().accept(row(1, 1, "small").text("1").tuple());
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> s.assembler().accept(row(2, 1, "y".repeat(20_000)).text("2").tuple()));
        assertEquals("ROW_TOO_LARGE", e.error().code());
        assertEquals(1, s.sink().frames.size(), "the rows before it were delivered");
    }

    @Test
    void aFullRefreshWithoutRowsStillEmitsOneEmptyBatch() {
        Setup full = setup(StreamConfig.fullRefresh("s.t"), 10, 1_000_000, true);
        full.assembler().finish();
        assertEquals(1, full.sink().frames.size());
        assertEquals(0, ArrowFrames.read(full.sink().frames.get(0)).rows().size());
        assertEquals(true, full.sink().last.get(0));
        Setup inc = setup(new StreamConfig("s.t", SyncMode.INCREMENTAL, "g", List.of(), null), 10, 1_000_000, false);
        inc.assembler().finish();
        assertEquals(0, inc.sink().frames.size());
    }
}
