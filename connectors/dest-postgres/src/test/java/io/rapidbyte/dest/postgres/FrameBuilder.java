package io.rapidbyte.dest.postgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalMonthDayNanoVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds one Arrow IPC stream (schema, one record batch, end marker) with arrow-vector, the way a
 * source connector writes a batch: schema metadata per BATCH-METADATA.md, optional
 * {@code rapidbyte.pg_type} per field. Values are given per column as Java objects (null = NULL):
 * Number, Boolean, String, byte[], BigDecimal, {@link Mdn}, or a List for list fields.
 */
final class FrameBuilder {
    static final BufferAllocator ALLOCATOR = new RootAllocator();

    /** An interval(month_day_nano) value. */
    record Mdn(int months, int days, long nanos) {
    }

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<Field> fields = new ArrayList<>();
    private final List<List<?>> columns = new ArrayList<>();

    static FrameBuilder batch(String stream, String syncRun, long seq) {
        FrameBuilder b = new FrameBuilder();
        b.metadata.put("rapidbyte.stream", stream);
        if (syncRun != null) {
            b.metadata.put("rapidbyte.sync_run", syncRun);
            b.metadata.put("rapidbyte.seq", Long.toString(seq));
        }
        b.metadata.put("rapidbyte.sync_mode", "incremental");
        return b;
    }

    FrameBuilder meta(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    FrameBuilder primaryKey(String csv) {
        return meta("rapidbyte.primary_key", csv);
    }

    FrameBuilder col(String name, ArrowType type, List<?> values) {
        return col(field(name, type, true, null), values);
    }

    FrameBuilder col(String name, ArrowType type, String pgType, List<?> values) {
        return col(field(name, type, true, pgType), values);
    }

    FrameBuilder col(Field field, List<?> values) {
        if (!columns.isEmpty() && columns.get(0).size() != values.size()) {
            throw new IllegalArgumentException("column " + field.getName() + " has " + values.size() + " values, not "
                    + columns.get(0).size());
        }
        fields.add(field);
        columns.add(values);
        return this;
    }

    static Field field(String name, ArrowType type, boolean nullable, String pgType) {
        Map<String, String> meta = pgType == null ? null : Map.of("rapidbyte.pg_type", pgType);
        return new Field(name, new FieldType(nullable, type, null, meta), null);
    }

    static Field listField(String name, ArrowType elementType, String pgType) {
        Map<String, String> meta = pgType == null ? null : Map.of("rapidbyte.pg_type", pgType);
        Field element = new Field("item", FieldType.nullable(elementType), null);
        return new Field(name, new FieldType(true, ArrowType.List.INSTANCE, null, meta), List.of(element));
    }

    byte[] build() {
        Schema schema = new Schema(fields, metadata);
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, ALLOCATOR)) {
            for (int c = 0; c < fields.size(); c++) {
                FieldVector v = root.getVector(c);
                List<?> values = columns.get(c);
                if (v instanceof ListVector lv) {
                    int total = 0;
                    for (Object o : values) {
                        total += o == null ? 0 : ((List<?>) o).size();
                    }
                    lv.getDataVector().setInitialCapacity(Math.max(total, 1));
                    lv.setInitialCapacity(Math.max(rows, 1));
                    lv.allocateNew();
                    for (int i = 0; i < rows; i++) {
                        Object o = values.get(i);
                        if (o == null) {
                            lv.setNull(i);
                            continue;
                        }
                        List<?> elems = (List<?>) o;
                        int offset = lv.startNewValue(i);
                        for (int k = 0; k < elems.size(); k++) {
                            set((FieldVector) lv.getDataVector(), offset + k, elems.get(k));
                        }
                        lv.endValue(i, elems.size());
                    }
                    lv.getDataVector().setValueCount(total);
                } else {
                    v.setInitialCapacity(Math.max(rows, 1));
                    v.allocateNew();
                    for (int i = 0; i < rows; i++) {
                        set(v, i, values.get(i));
                    }
                }
                v.setValueCount(rows);
            }
            root.setRowCount(rows);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                w.start();
                w.writeBatch();
                w.end();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(FieldVector v, int i, Object o) {
        if (o == null) {
            if (v instanceof VarCharVector || v instanceof VarBinaryVector) {
                ((org.apache.arrow.vector.BaseVariableWidthVector) v).setNull(i);
            } else {
                ((org.apache.arrow.vector.BaseFixedWidthVector) v).setNull(i);
            }
            return;
        }
        if (v instanceof TinyIntVector t) {
            t.setSafe(i, ((Number) o).byteValue());
        } else if (v instanceof SmallIntVector t) {
            t.setSafe(i, ((Number) o).shortValue());
        } else if (v instanceof IntVector t) {
            t.setSafe(i, ((Number) o).intValue());
        } else if (v instanceof BigIntVector t) {
            t.setSafe(i, ((Number) o).longValue());
        } else if (v instanceof Float4Vector t) {
            t.setSafe(i, ((Number) o).floatValue());
        } else if (v instanceof Float8Vector t) {
            t.setSafe(i, ((Number) o).doubleValue());
        } else if (v instanceof BitVector t) {
            t.setSafe(i, ((Boolean) o) ? 1 : 0);
        } else if (v instanceof VarCharVector t) {
            t.setSafe(i, ((String) o).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof VarBinaryVector t) {
            t.setSafe(i, (byte[]) o);
        } else if (v instanceof DateDayVector t) {
            t.setSafe(i, ((Number) o).intValue());
        } else if (v instanceof TimeMicroVector t) {
            t.setSafe(i, ((Number) o).longValue());
        } else if (v instanceof TimeStampVector t) {
            t.setSafe(i, ((Number) o).longValue());
        } else if (v instanceof DecimalVector t) {
            t.setSafe(i, (BigDecimal) o);
        } else if (v instanceof FixedSizeBinaryVector t) {
            t.setSafe(i, (byte[]) o);
        } else if (v instanceof IntervalMonthDayNanoVector t) {
            Mdn m = (Mdn) o;
            t.setSafe(i, m.months(), m.days(), m.nanos());
        } else {
            throw new IllegalArgumentException("unsupported vector " + v.getClass().getSimpleName());
        }
    }

    // ---- Arrow types ----------------------------------------------------------------------

    static final ArrowType INT16 = new ArrowType.Int(16, true);
    static final ArrowType INT32 = new ArrowType.Int(32, true);
    static final ArrowType INT64 = new ArrowType.Int(64, true);
    static final ArrowType FLOAT32 = new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
    static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    static final ArrowType BOOL = ArrowType.Bool.INSTANCE;
    static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    static final ArrowType BINARY = ArrowType.Binary.INSTANCE;
    static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
    static final ArrowType TIME = new ArrowType.Time(TimeUnit.MICROSECOND, 64);
    static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
    static final ArrowType TIMESTAMPTZ = new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
    static final ArrowType UUID = new ArrowType.FixedSizeBinary(16);
    static final ArrowType INTERVAL = new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);

    static ArrowType decimal(int precision, int scale) {
        return new ArrowType.Decimal(precision, scale, 128);
    }
}
