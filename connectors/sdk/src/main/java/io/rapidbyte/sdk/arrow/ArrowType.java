package io.rapidbyte.sdk.arrow;

/**
 * An Arrow logical type from the subset the SDK supports. Immutable; obtain instances from
 * the constants and factory methods.
 *
 * <p>Physical layouts: every kind except {@link Kind#BOOL}, {@link Kind#UTF8},
 * {@link Kind#BINARY} and {@link Kind#LIST} is fixed-width with {@link #byteWidth()} bytes per
 * value, little-endian.
 */
public final class ArrowType {

    /** The supported type families. */
    public enum Kind {
        /** Signed integer of 8, 16, 32 or 64 bits. */
        INT,
        /** IEEE 754 float of 32 or 64 bits. */
        FLOAT,
        BOOL,
        UTF8,
        BINARY,
        /** Days since 1970-01-01, int32. */
        DATE32,
        /** Microseconds since midnight, int64. */
        TIME64_MICROS,
        /** Microseconds since the epoch, int64, with an optional time zone name. */
        TIMESTAMP_MICROS,
        /** 128-bit two's-complement unscaled value with precision 1..38 and a scale. */
        DECIMAL128,
        FIXED_SIZE_BINARY,
        /** Months (int32), days (int32), nanoseconds (int64). */
        INTERVAL_MONTH_DAY_NANO,
        /** Variable-size list of one child field, int32 offsets. */
        LIST
    }

    public static final ArrowType INT8 = new ArrowType(Kind.INT, 8, 0, 0, null);
    public static final ArrowType INT16 = new ArrowType(Kind.INT, 16, 0, 0, null);
    public static final ArrowType INT32 = new ArrowType(Kind.INT, 32, 0, 0, null);
    public static final ArrowType INT64 = new ArrowType(Kind.INT, 64, 0, 0, null);
    public static final ArrowType FLOAT32 = new ArrowType(Kind.FLOAT, 32, 0, 0, null);
    public static final ArrowType FLOAT64 = new ArrowType(Kind.FLOAT, 64, 0, 0, null);
    public static final ArrowType BOOL = new ArrowType(Kind.BOOL, 1, 0, 0, null);
    public static final ArrowType UTF8 = new ArrowType(Kind.UTF8, 0, 0, 0, null);
    public static final ArrowType BINARY = new ArrowType(Kind.BINARY, 0, 0, 0, null);
    public static final ArrowType DATE32 = new ArrowType(Kind.DATE32, 32, 0, 0, null);
    public static final ArrowType TIME64_MICROS = new ArrowType(Kind.TIME64_MICROS, 64, 0, 0, null);
    /** Timestamp in microseconds without a time zone ("wall clock" / Postgres timestamp). */
    public static final ArrowType TIMESTAMP_MICROS = new ArrowType(Kind.TIMESTAMP_MICROS, 64, 0, 0, null);
    public static final ArrowType INTERVAL_MONTH_DAY_NANO = new ArrowType(Kind.INTERVAL_MONTH_DAY_NANO, 128, 0, 0, null);
    /** The list type; the element type is the type of the field's single child. */
    public static final ArrowType LIST = new ArrowType(Kind.LIST, 0, 0, 0, null);

    private final Kind kind;
    /** Bits per value for fixed-width kinds (0 for variable width), 1 for BOOL. */
    private final int bitWidth;
    private final int precision;
    private final int scale;
    private final String timezone;

    private ArrowType(Kind kind, int bitWidth, int precision, int scale, String timezone) {
        this.kind = kind;
        this.bitWidth = bitWidth;
        this.precision = precision;
        this.scale = scale;
        this.timezone = timezone;
    }

    /** Signed integer type of the given bit width (8, 16, 32 or 64). */
    public static ArrowType signedInt(int bitWidth) {
        switch (bitWidth) {
            case 8: return INT8;
            case 16: return INT16;
            case 32: return INT32;
            case 64: return INT64;
            default: throw new IllegalArgumentException("int bit width must be 8, 16, 32 or 64: " + bitWidth);
        }
    }

    /**
     * Timestamp in microseconds since the epoch. A non-null {@code timezone} (an IANA name such
     * as "UTC" or an offset such as "+02:00") marks the values as UTC instants.
     */
    public static ArrowType timestampMicros(String timezone) {
        return timezone == null ? TIMESTAMP_MICROS : new ArrowType(Kind.TIMESTAMP_MICROS, 64, 0, 0, timezone);
    }

    /**
     * 128-bit decimal; {@code precision} in 1..38, {@code scale} within
     * +-{@value Decimal128#MAX_ABS_SCALE} (negative and greater than precision allowed, as in Postgres).
     */
    public static ArrowType decimal128(int precision, int scale) {
        if (precision < 1 || precision > 38) {
            throw new IllegalArgumentException("decimal128 precision must be 1..38: " + precision);
        }
        Decimal128.checkScale(scale);
        return new ArrowType(Kind.DECIMAL128, 128, precision, scale, null);
    }

    /** Fixed-size binary of {@code byteWidth} bytes per value (16 for UUIDs). */
    public static ArrowType fixedSizeBinary(int byteWidth) {
        if (byteWidth < 1 || byteWidth > (1 << 24)) {
            throw new IllegalArgumentException("fixed-size binary width out of range: " + byteWidth);
        }
        return new ArrowType(Kind.FIXED_SIZE_BINARY, byteWidth * 8, 0, 0, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Bits per value: 8..64 for INT, 32/64 for FLOAT, 1 for BOOL, 0 for variable-width kinds. */
    public int bitWidth() {
        return bitWidth;
    }

    /** Bytes per value of a fixed-width kind; 0 for BOOL and variable-width kinds. */
    public int byteWidth() {
        return kind == Kind.BOOL ? 0 : bitWidth / 8;
    }

    /** Decimal precision; 0 for other kinds. */
    public int precision() {
        return precision;
    }

    /** Decimal scale; 0 for other kinds. */
    public int scale() {
        return scale;
    }

    /** Timestamp time zone, or null. */
    public String timezone() {
        return timezone;
    }

    /** True for kinds stored as one fixed-width little-endian value per row. */
    public boolean isFixedWidth() {
        return kind != Kind.BOOL && kind != Kind.UTF8 && kind != Kind.BINARY && kind != Kind.LIST;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ArrowType)) {
            return false;
        }
        ArrowType t = (ArrowType) o;
        return kind == t.kind && bitWidth == t.bitWidth && precision == t.precision && scale == t.scale
                && (timezone == null ? t.timezone == null : timezone.equals(t.timezone));
    }

    @Override
    public int hashCode() {
        int h = kind.ordinal();
        h = h * 31 + bitWidth;
        h = h * 31 + precision;
        h = h * 31 + scale;
        return h * 31 + (timezone == null ? 0 : timezone.hashCode());
    }

    @Override
    public String toString() {
        switch (kind) {
            case INT: return "int" + bitWidth;
            case FLOAT: return "float" + bitWidth;
            case BOOL: return "bool";
            case UTF8: return "utf8";
            case BINARY: return "binary";
            case DATE32: return "date32";
            case TIME64_MICROS: return "time64[us]";
            case TIMESTAMP_MICROS: return timezone == null ? "timestamp[us]" : "timestamp[us, tz=" + timezone + "]";
            case DECIMAL128: return "decimal128(" + precision + ", " + scale + ")";
            case FIXED_SIZE_BINARY: return "fixed_size_binary[" + byteWidth() + "]";
            case INTERVAL_MONTH_DAY_NANO: return "interval[month_day_nano]";
            case LIST: return "list";
            default: return kind.name();
        }
    }
}
