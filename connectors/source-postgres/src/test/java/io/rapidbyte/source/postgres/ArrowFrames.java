package io.rapidbyte.source.postgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads emitted frames with Arrow Java (the reference implementation, not the guest's code) and
 * normalises every value so tests can compare with what Postgres says: integers, dates, times and
 * timestamps as Long (raw Arrow values), floats as Float/Double, decimals as BigDecimal, text as
 * String, binary as lower-case hex, intervals as "months/days/nanos", lists as List.
 */
public final class ArrowFrames {
    private ArrowFrames() {
    }

    /** One decoded frame: its schema and its rows, column name to normalised value. */
    public record Batch(Schema schema, List<Map<String, Object>> rows) {
        public Map<String, String> metadata() {
            return schema.getCustomMetadata();
        }
    }

    public static Batch read(byte[] frame) {
        try (BufferAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(frame), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema schema = root.getSchema();
            List<Map<String, Object>> rows = new ArrayList<>();
            int batches = 0;
            while (reader.loadNextBatch()) {
                batches++;
                for (int r = 0; r < root.getRowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (FieldVector v : root.getFieldVectors()) {
                        row.put(v.getName(), value(v, r));
                    }
                    rows.add(row);
                }
            }
            if (batches != 1) {
                throw new AssertionError("a frame must hold exactly one record batch, found " + batches);
            }
            return new Batch(schema, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Batch> readAll(List<byte[]> frames) {
        List<Batch> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.add(read(f));
        }
        return out;
    }

    public static List<Map<String, Object>> rows(List<byte[]> frames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (byte[] f : frames) {
            out.addAll(read(f).rows());
        }
        return out;
    }

    static Object value(FieldVector v, int i) {
        if (v.isNull(i)) {
            return null;
        }
        if (v instanceof BaseIntVector iv) {
            return iv.getValueAsLong(i);
        }
        if (v instanceof Float4Vector f) {
            return f.get(i);
        }
        if (v instanceof Float8Vector d) {
            return d.get(i);
        }
        if (v instanceof BitVector b) {
            return b.get(i) != 0;
        }
        if (v instanceof DecimalVector d) {
            return d.getObject(i);
        }
        if (v instanceof VarCharVector s) {
            return new String(s.get(i), StandardCharsets.UTF_8);
        }
        if (v instanceof VarBinaryVector b) {
            return HexFormat.of().formatHex(b.get(i));
        }
        if (v instanceof FixedSizeBinaryVector b) {
            return HexFormat.of().formatHex(b.get(i));
        }
        if (v instanceof DateDayVector d) {
            return (long) d.get(i);
        }
        if (v instanceof TimeMicroVector t) {
            return t.get(i);
        }
        if (v instanceof TimeStampVector t) {
            return t.get(i);
        }
        if (v instanceof IntervalMonthDayNanoVector iv) {
            NullableIntervalMonthDayNanoHolder h = new NullableIntervalMonthDayNanoHolder();
            iv.get(i, h);
            return h.months + "/" + h.days + "/" + h.nanoseconds;
        }
        if (v instanceof ListVector l) {
            FieldVector child = l.getDataVector();
            List<Object> out = new ArrayList<>();
            for (int k = l.getElementStartIndex(i); k < l.getElementEndIndex(i); k++) {
                out.add(value(child, k));
            }
            return out;
        }
        throw new AssertionError("unexpected vector " + v.getClass().getSimpleName() + " for " + v.getName());
    }
}
