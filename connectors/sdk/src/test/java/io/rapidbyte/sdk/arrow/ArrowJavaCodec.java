package io.rapidbyte.sdk.arrow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.arrow.memory.BufferAllocator;
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
import org.apache.arrow.vector.holders.NullableIntervalMonthDayNanoHolder;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.FieldType;

/** Converts {@link TestData} through Arrow Java (arrow-vector 19), the reference implementation. */
final class ArrowJavaCodec {
    private final BufferAllocator allocator;

    ArrowJavaCodec(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    // ---- schema conversion ----

    static org.apache.arrow.vector.types.pojo.Schema toArrow(Schema s) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>();
        for (Field f : s.fields()) {
            fields.add(toArrow(f));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields, s.metadata().isEmpty() ? null : s.metadata());
    }

    static org.apache.arrow.vector.types.pojo.Field toArrow(Field f) {
        List<org.apache.arrow.vector.types.pojo.Field> children = new ArrayList<>();
        for (Field c : f.children()) {
            children.add(toArrow(c));
        }
        FieldType ft = new FieldType(f.isNullable(), toArrow(f.type()), null, f.metadata().isEmpty() ? null : f.metadata());
        return new org.apache.arrow.vector.types.pojo.Field(f.name(), ft, children);
    }

    static org.apache.arrow.vector.types.pojo.ArrowType toArrow(ArrowType t) {
        switch (t.kind()) {
            case INT: return new org.apache.arrow.vector.types.pojo.ArrowType.Int(t.bitWidth(), true);
            case FLOAT: return new org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint(
                    t.bitWidth() == 32 ? FloatingPointPrecision.SINGLE : FloatingPointPrecision.DOUBLE);
            case BOOL: return org.apache.arrow.vector.types.pojo.ArrowType.Bool.INSTANCE;
            case UTF8: return org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE;
            case BINARY: return org.apache.arrow.vector.types.pojo.ArrowType.Binary.INSTANCE;
            case DATE32: return new org.apache.arrow.vector.types.pojo.ArrowType.Date(DateUnit.DAY);
            case TIME64_MICROS: return new org.apache.arrow.vector.types.pojo.ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP_MICROS: return new org.apache.arrow.vector.types.pojo.ArrowType.Timestamp(TimeUnit.MICROSECOND, t.timezone());
            case DECIMAL128: return new org.apache.arrow.vector.types.pojo.ArrowType.Decimal(t.precision(), t.scale(), 128);
            case FIXED_SIZE_BINARY: return new org.apache.arrow.vector.types.pojo.ArrowType.FixedSizeBinary(t.byteWidth());
            case INTERVAL_MONTH_DAY_NANO: return new org.apache.arrow.vector.types.pojo.ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO);
            case LIST: return org.apache.arrow.vector.types.pojo.ArrowType.List.INSTANCE;
            default: throw new AssertionError(t);
        }
    }

    static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema s) {
        List<Field> fields = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field f : s.getFields()) {
            fields.add(fromArrow(f));
        }
        return new Schema(fields, s.getCustomMetadata());
    }

    static Field fromArrow(org.apache.arrow.vector.types.pojo.Field f) {
        List<Field> children = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field c : f.getChildren()) {
            children.add(fromArrow(c));
        }
        Map<String, String> md = f.getMetadata();
        return new Field(f.getName(), fromArrow(f.getType()), f.isNullable(), children, md);
    }

    static ArrowType fromArrow(org.apache.arrow.vector.types.pojo.ArrowType t) {
        if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Int i) {
            return ArrowType.signedInt(i.getBitWidth());
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.FloatingPoint fp) {
            return fp.getPrecision() == FloatingPointPrecision.SINGLE ? ArrowType.FLOAT32 : ArrowType.FLOAT64;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Bool) {
            return ArrowType.BOOL;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Utf8) {
            return ArrowType.UTF8;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Binary) {
            return ArrowType.BINARY;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Date) {
            return ArrowType.DATE32;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Time) {
            return ArrowType.TIME64_MICROS;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Timestamp ts) {
            return ArrowType.timestampMicros(ts.getTimezone());
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Decimal d) {
            return ArrowType.decimal128(d.getPrecision(), d.getScale());
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.FixedSizeBinary fsb) {
            return ArrowType.fixedSizeBinary(fsb.getByteWidth());
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.Interval) {
            return ArrowType.INTERVAL_MONTH_DAY_NANO;
        } else if (t instanceof org.apache.arrow.vector.types.pojo.ArrowType.List) {
            return ArrowType.LIST;
        }
        throw new AssertionError(t);
    }

    // ---- writing with ArrowStreamWriter ----

    byte[] write(TestData data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VectorSchemaRoot root = VectorSchemaRoot.create(toArrow(data.schema), allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            for (Object[][] batch : data.batches) {
                root.allocateNew();
                int rows = TestData.rows(batch);
                for (int c = 0; c < batch.length; c++) {
                    FieldVector v = root.getVector(c);
                    for (int r = 0; r < rows; r++) {
                        set(v, r, batch[c][r]);
                    }
                    v.setValueCount(rows);
                }
                root.setRowCount(rows);
                writer.writeBatch();
            }
            writer.end();
        }
        return out.toByteArray();
    }

    private static void set(FieldVector v, int i, Object value) {
        if (value == null) {
            setNull(v, i);
            return;
        }
        if (v instanceof TinyIntVector t) {
            t.setSafe(i, (byte) (long) (Long) value);
        } else if (v instanceof SmallIntVector t) {
            t.setSafe(i, (short) (long) (Long) value);
        } else if (v instanceof IntVector t) {
            t.setSafe(i, (int) (long) (Long) value);
        } else if (v instanceof BigIntVector t) {
            t.setSafe(i, (Long) value);
        } else if (v instanceof Float4Vector t) {
            t.setSafe(i, (Float) value);
        } else if (v instanceof Float8Vector t) {
            t.setSafe(i, (Double) value);
        } else if (v instanceof BitVector t) {
            t.setSafe(i, (Boolean) value ? 1 : 0);
        } else if (v instanceof VarCharVector t) {
            t.setSafe(i, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof VarBinaryVector t) {
            t.setSafe(i, (byte[]) value);
        } else if (v instanceof DateDayVector t) {
            t.setSafe(i, (int) (long) (Long) value);
        } else if (v instanceof TimeMicroVector t) {
            t.setSafe(i, (Long) value);
        } else if (v instanceof TimeStampVector t) {
            t.setSafe(i, (Long) value);
        } else if (v instanceof DecimalVector t) {
            t.setSafe(i, (BigDecimal) value);
        } else if (v instanceof FixedSizeBinaryVector t) {
            t.setSafe(i, (byte[]) value);
        } else if (v instanceof IntervalMonthDayNanoVector t) {
            TestData.Interval iv = (TestData.Interval) value;
            t.setSafe(i, iv.months(), iv.days(), iv.nanos());
        } else if (v instanceof ListVector t) {
            List<?> list = (List<?>) value;
            int start = t.startNewValue(i);
            FieldVector child = t.getDataVector();
            for (int k = 0; k < list.size(); k++) {
                set(child, start + k, list.get(k));
            }
            t.endValue(i, list.size());
        } else {
            throw new AssertionError(v.getClass());
        }
    }

    private static void setNull(FieldVector v, int i) {
        if (v instanceof ListVector t) {
            t.setNull(i);
        } else if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector t) {
            t.setNull(i);
        } else if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector t) {
            t.setNull(i);
        } else {
            throw new AssertionError(v.getClass());
        }
    }

    // ---- reading with ArrowStreamReader ----

    TestData read(byte[] bytes) throws IOException {
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            TestData data = new TestData(fromArrow(root.getSchema()));
            while (reader.loadNextBatch()) {
                int rows = root.getRowCount();
                Object[][] batch = new Object[root.getFieldVectors().size()][];
                for (int c = 0; c < batch.length; c++) {
                    FieldVector v = root.getVector(c);
                    batch[c] = new Object[rows];
                    for (int r = 0; r < rows; r++) {
                        batch[c][r] = get(v, r);
                    }
                }
                data.add(batch);
            }
            return data;
        }
    }

    private static Object get(FieldVector v, int i) {
        if (v.isNull(i)) {
            return null;
        }
        if (v instanceof TinyIntVector t) {
            return (long) t.get(i);
        } else if (v instanceof SmallIntVector t) {
            return (long) t.get(i);
        } else if (v instanceof IntVector t) {
            return (long) t.get(i);
        } else if (v instanceof BigIntVector t) {
            return t.get(i);
        } else if (v instanceof Float4Vector t) {
            return t.get(i);
        } else if (v instanceof Float8Vector t) {
            return t.get(i);
        } else if (v instanceof BitVector t) {
            return t.get(i) != 0;
        } else if (v instanceof VarCharVector t) {
            return new String(t.get(i), StandardCharsets.UTF_8);
        } else if (v instanceof VarBinaryVector t) {
            return t.get(i);
        } else if (v instanceof DateDayVector t) {
            return (long) t.get(i);
        } else if (v instanceof TimeMicroVector t) {
            return t.get(i);
        } else if (v instanceof TimeStampVector t) {
            return t.get(i);
        } else if (v instanceof DecimalVector t) {
            return t.getObject(i);
        } else if (v instanceof FixedSizeBinaryVector t) {
            return t.get(i);
        } else if (v instanceof IntervalMonthDayNanoVector t) {
            NullableIntervalMonthDayNanoHolder h = new NullableIntervalMonthDayNanoHolder();
            t.get(i, h);
            return new TestData.Interval(h.months, h.days, h.nanoseconds);
        } else if (v instanceof ListVector t) {
            List<Object> out = new ArrayList<>();
            FieldVector child = t.getDataVector();
            for (int k = t.getElementStartIndex(i); k < t.getElementEndIndex(i); k++) {
                out.add(get(child, k));
            }
            return out;
        }
        throw new AssertionError(v.getClass());
    }
}
