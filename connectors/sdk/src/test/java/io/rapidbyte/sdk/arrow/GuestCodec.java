package io.rapidbyte.sdk.arrow;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Converts {@link TestData} through the SDK's own writer and reader. Builder overloads are
 * picked at random (seeded) so every append path gets exercised.
 */
final class GuestCodec {
    private final Random random;

    GuestCodec(long seed) {
        this.random = new Random(seed);
    }

    byte[] write(TestData data) {
        IpcStreamWriter writer = new IpcStreamWriter(data.schema, 64);
        RecordBatchBuilder batch = new RecordBatchBuilder(data.schema);
        for (Object[][] values : data.batches) {
            batch.reset(); // also exercises reuse of the builders' arrays
            for (int c = 0; c < values.length; c++) {
                for (Object v : values[c]) {
                    append(batch.column(c), v);
                }
            }
            long estimate = batch.estimatedBytes();
            int before = writer.length() == 0 ? writer.schemaMessageLength() : writer.length();
            writer.writeBatch(batch);
            long actual = writer.length() - before;
            if (actual > estimate || estimate - actual > 400 + 16L * 64) {
                throw new AssertionError("estimate " + estimate + " vs actual " + actual);
            }
        }
        writer.finish();
        return writer.toByteArray();
    }

    void append(ColumnBuilder b, Object v) {
        if (v == null) {
            b.appendNull();
            return;
        }
        if (b instanceof IntColumnBuilder) {
            ((IntColumnBuilder) b).append((Long) v);
        } else if (b instanceof FloatColumnBuilder) {
            if (v instanceof Float) {
                ((FloatColumnBuilder) b).append((float) (Float) v);
            } else {
                ((FloatColumnBuilder) b).append((double) (Double) v);
            }
        } else if (b instanceof BoolColumnBuilder) {
            ((BoolColumnBuilder) b).append((Boolean) v);
        } else if (b instanceof VarBinaryColumnBuilder) {
            VarBinaryColumnBuilder vb = (VarBinaryColumnBuilder) b;
            if (v instanceof String) {
                if (random.nextBoolean()) {
                    vb.append((String) v);
                } else {
                    vb.append(((String) v).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            } else {
                byte[] bytes = (byte[]) v;
                byte[] padded = new byte[bytes.length + 3];
                System.arraycopy(bytes, 0, padded, 2, bytes.length);
                vb.append(padded, 2, bytes.length);
            }
        } else if (b instanceof FixedSizeBinaryColumnBuilder) {
            FixedSizeBinaryColumnBuilder fb = (FixedSizeBinaryColumnBuilder) b;
            byte[] bytes = (byte[]) v;
            if (bytes.length == 16 && random.nextBoolean()) {
                fb.appendUuid(bigEndian(bytes, 0), bigEndian(bytes, 8));
            } else {
                fb.append(bytes);
            }
        } else if (b instanceof DecimalColumnBuilder) {
            appendDecimal((DecimalColumnBuilder) b, (BigDecimal) v);
        } else if (b instanceof IntervalColumnBuilder) {
            TestData.Interval iv = (TestData.Interval) v;
            ((IntervalColumnBuilder) b).append(iv.months(), iv.days(), iv.nanos());
        } else if (b instanceof ListColumnBuilder) {
            ListColumnBuilder lb = (ListColumnBuilder) b;
            List<?> list = (List<?>) v;
            if (list.isEmpty() && random.nextBoolean()) {
                lb.appendEmptyList();
                return;
            }
            lb.startList();
            for (Object e : list) {
                append(lb.child(), e);
            }
            lb.endList();
        } else {
            throw new AssertionError("unknown builder " + b);
        }
    }

    private void appendDecimal(DecimalColumnBuilder b, BigDecimal v) {
        BigInteger unscaled = v.unscaledValue();
        switch (random.nextInt(5)) {
            case 0:
                if (unscaled.bitLength() < 64) {
                    b.appendUnscaled(unscaled.longValueExact());
                    return;
                }
                b.appendUnscaled(unscaled);
                return;
            case 1:
                b.appendUnscaled(Decimal128.highOf(unscaled), Decimal128.lowOf(unscaled));
                return;
            case 2:
                b.append(v);
                return;
            case 3:
                b.append(v.toPlainString());
                return;
            default:
                b.append(v.toString()); // may use exponent notation
        }
    }

    private static long bigEndian(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }

    static TestData read(byte[] bytes) {
        return read(bytes, 0, bytes.length);
    }

    static TestData read(byte[] bytes, int off, int len) {
        IpcStreamReader reader = new IpcStreamReader(bytes, off, len);
        TestData data = new TestData(reader.schema());
        for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
            Object[][] values = new Object[b.columnCount()][];
            for (int c = 0; c < values.length; c++) {
                Column col = b.column(c);
                values[c] = new Object[b.rowCount()];
                for (int r = 0; r < b.rowCount(); r++) {
                    values[c][r] = value(col, r);
                }
            }
            data.add(values);
        }
        if (reader.next() != null) {
            throw new AssertionError("next() after the end must stay null");
        }
        return data;
    }

    static Object value(Column c, int i) {
        if (c.isNull(i)) {
            return null;
        }
        ArrowType t = c.type();
        switch (t.kind()) {
            case INT:
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS: {
                IntColumn ic = (IntColumn) c;
                long v = ic.getLong(i);
                if (t.byteWidth() <= 4 && ic.getInt(i) != v) {
                    throw new AssertionError("getInt/getLong disagree");
                }
                return v;
            }
            case FLOAT:
                return t.bitWidth() == 32 ? (Object) ((FloatColumn) c).getFloat(i) : (Object) ((FloatColumn) c).getDouble(i);
            case BOOL:
                return ((BoolColumn) c).getBoolean(i);
            case UTF8: {
                VarBinaryColumn vc = (VarBinaryColumn) c;
                String s = vc.getString(i);
                String viaBytes = new String(c.array(), vc.valueOffset(i), vc.valueLength(i), java.nio.charset.StandardCharsets.UTF_8);
                if (!s.equals(viaBytes)) {
                    throw new AssertionError("UTF-8 decoding differs from the JDK: " + s + " vs " + viaBytes);
                }
                return s;
            }
            case BINARY:
                return ((VarBinaryColumn) c).getBytes(i);
            case FIXED_SIZE_BINARY: {
                FixedSizeBinaryColumn fc = (FixedSizeBinaryColumn) c;
                byte[] v = fc.getBytes(i);
                if (fc.byteWidth() == 16) {
                    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(v);
                    if (bb.getLong(0) != fc.getUuidMostSignificantBits(i) || bb.getLong(8) != fc.getUuidLeastSignificantBits(i)) {
                        throw new AssertionError("uuid halves");
                    }
                }
                return v;
            }
            case DECIMAL128: {
                DecimalColumn dc = (DecimalColumn) c;
                BigDecimal v = dc.getBigDecimal(i);
                if (!v.toPlainString().equals(dc.toPlainString(i))) {
                    throw new AssertionError("toPlainString " + dc.toPlainString(i) + " vs " + v.toPlainString());
                }
                if (dc.fitsLong(i) != (v.unscaledValue().bitLength() < 64)
                        || (dc.fitsLong(i) && dc.getUnscaledLong(i) != v.unscaledValue().longValue())) {
                    throw new AssertionError("unscaled long accessors for " + v);
                }
                return v;
            }
            case INTERVAL_MONTH_DAY_NANO: {
                IntervalColumn ic = (IntervalColumn) c;
                return new TestData.Interval(ic.getMonths(i), ic.getDays(i), ic.getNanos(i));
            }
            case LIST: {
                ListColumn lc = (ListColumn) c;
                List<Object> out = new ArrayList<>();
                for (int k = lc.start(i); k < lc.end(i); k++) {
                    out.add(value(lc.child(), k));
                }
                if (out.size() != lc.valueCount(i)) {
                    throw new AssertionError("valueCount");
                }
                return out;
            }
            default:
                throw new AssertionError(t.toString());
        }
    }
}
