package io.rapidbyte.sdk.arrow;

/**
 * Copies one value from a decoded column into a builder of the same field, bit-exact (float bits,
 * raw UTF-8 bytes, 128-bit decimals) and without decoding to Java objects; lists are copied
 * element by element. Stateless.
 */
public final class ValueCopier {
    private ValueCopier() {
    }

    /** Appends value {@code i} of {@code src} (or a null) to {@code dst}, a builder of the same field. */
    public static void copy(Column src, int i, ColumnBuilder dst) {
        if (src.isNull(i)) {
            dst.appendNull();
            return;
        }
        // In parts: as one function the per-value copy would be over HotSpot's JIT size limit once
        // compiled (wasm-build's GuestMethodSizes checks it).
        switch (src.type().kind()) {
            case UTF8:
            case BINARY:
            case LIST:
                copyWide(src, i, dst);
                break;
            case DECIMAL128:
            case FIXED_SIZE_BINARY:
                copyFixed(src, i, dst);
                break;
            case INTERVAL_MONTH_DAY_NANO:
                copyInterval((IntervalColumn) src, i, (IntervalColumnBuilder) dst);
                break;
            default:
                copyNumeric(src, i, dst);
                break;
        }
    }

    private static void copyNumeric(Column src, int i, ColumnBuilder dst) {
        switch (src.type().kind()) {
            case INT:
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS:
                ((IntColumnBuilder) dst).append(((IntColumn) src).getLong(i));
                break;
            case FLOAT: {
                FloatColumn f = (FloatColumn) src;
                if (f.type().bitWidth() == 32) {
                    ((FloatColumnBuilder) dst).append(f.getFloat(i));
                } else {
                    ((FloatColumnBuilder) dst).append(f.getDouble(i));
                }
                break;
            }
            case BOOL:
                ((BoolColumnBuilder) dst).append(((BoolColumn) src).getBoolean(i));
                break;
            default:
                throw new IllegalArgumentException("cannot copy " + src.type());
        }
    }

    private static void copyFixed(Column src, int i, ColumnBuilder dst) {
        switch (src.type().kind()) {
            case DECIMAL128: {
                DecimalColumn d = (DecimalColumn) src;
                ((DecimalColumnBuilder) dst).appendUnscaled(d.getHigh(i), d.getLow(i));
                break;
            }
            case FIXED_SIZE_BINARY: {
                FixedSizeBinaryColumn f = (FixedSizeBinaryColumn) src;
                ((FixedSizeBinaryColumnBuilder) dst).append(f.array(), f.valueOffset(i));
                break;
            }
            default:
                throw new IllegalArgumentException("cannot copy " + src.type());
        }
    }

    private static void copyInterval(IntervalColumn src, int i, IntervalColumnBuilder dst) {
        dst.append(src.getMonths(i), src.getDays(i), src.getNanos(i));
    }

    private static void copyWide(Column src, int i, ColumnBuilder dst) {
        switch (src.type().kind()) {
            case UTF8:
            case BINARY: {
                VarBinaryColumn v = (VarBinaryColumn) src;
                ((VarBinaryColumnBuilder) dst).append(v.array(), v.valueOffset(i), v.valueLength(i));
                break;
            }
            case LIST:
                copyList((ListColumn) src, i, (ListColumnBuilder) dst);
                break;
            default:
                throw new IllegalArgumentException("cannot copy " + src.type());
        }
    }

    private static void copyList(ListColumn src, int i, ListColumnBuilder dst) {
        dst.startList();
        int end = src.end(i);
        for (int j = src.start(i); j < end; j++) {
            copy(src.child(), j, dst.child());
        }
        dst.endList();
    }
}
