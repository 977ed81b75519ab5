package io.rapidbyte.dest.postgres.encode;

import io.rapidbyte.dest.postgres.catalog.TableColumn;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;

/**
 * How one Arrow field is written in the binary COPY format of one PostgreSQL column type, chosen
 * once per plan: {@link #forColumn} answers null when the column's type has no lossless direct
 * encoding from that Arrow type (the loader then goes through a staging table and a cast).
 * {@link TupleEncoder} interprets it. Immutable.
 */
public final class Encoding {
    /** The row's position in its batch, as int8 (upsert staging only). */
    public static final int ORDINAL = 0;
    /** A little-endian value written as the same-width big-endian value: int16/32/64 and float32/64. */
    static final int REVERSED = 1;
    /** A narrower integer sign-extended to int2/int4/int8. */
    static final int INT_WIDEN = 2;
    static final int INT_NUMERIC = 4;
    static final int FLOAT4_TO_8 = 6;
    static final int BOOL = 8;
    /** utf8 or binary bytes as they are: bytea, text types, json, xml, enums. */
    static final int BYTES = 9;
    static final int JSONB = 10;
    static final int NUMERIC_TEXT = 11;
    static final int INET = 12;
    static final int CIDR = 13;
    static final int MAC6 = 14;
    static final int MAC8 = 15;
    static final int UUID_TEXT = 16;
    /** fixed-size-binary bytes as they are: uuid, bytea. */
    static final int FIXED = 17;
    static final int DATE = 18;
    static final int TIME = 19;
    static final int TIMESTAMP = 20;
    static final int DECIMAL = 21;
    static final int INTERVAL = 22;
    static final int ARRAY = 23;

    /** The ordinal column's encoding. */
    public static final Encoding ROW_NUMBER = new Encoding(ORDINAL, 0, 8, 0, null);

    final int kind;
    /** Bytes per Arrow value for integer, float and FIXED kinds. */
    final int width;
    /** REVERSED and INT_WIDEN: bytes of the PostgreSQL value. */
    final int pgWidth;
    /** ARRAY: the column's element type OID, written into every array header. */
    final int elementOid;
    /** ARRAY: how the elements are written. */
    final Encoding element;

    private Encoding(int kind, int width, int pgWidth, int elementOid, Encoding element) {
        this.kind = kind;
        this.width = width;
        this.pgWidth = pgWidth;
        this.elementOid = elementOid;
        this.element = element;
    }

    /** The encoding of {@code field} into {@code column}, or null when a cast is needed. */
    public static Encoding forColumn(Field field, TableColumn column) {
        if (field.type().kind() == ArrowType.Kind.LIST) {
            Field element = field.elementField();
            if (!column.isArray() || element.type().kind() == ArrowType.Kind.LIST) {
                return null;
            }
            Encoding inner = scalar(element.type(), column.elementOid(), column.elementTyptype());
            return inner == null ? null : new Encoding(ARRAY, 0, 0, column.elementOid(), inner);
        }
        return column.isArray() ? null : scalar(field.type(), column.oid(), column.typtype());
    }

    private static Encoding of(int kind) {
        return new Encoding(kind, 0, 0, 0, null);
    }

    /** One Arrow type into the type {@code oid} (an enum when typtype is 'e'), or null. */
    static Encoding scalar(ArrowType type, int oid, char typtype) {
        int bits = type.bitWidth();
        switch (type.kind()) {
            case INT: {
                int out = oid == PgOids.INT2 ? 2 : oid == PgOids.INT4 ? 4 : oid == PgOids.INT8 ? 8 : 0;
                if (out >= bits / 8) {
                    return new Encoding(out == bits / 8 ? REVERSED : INT_WIDEN, bits / 8, out, 0, null);
                }
                return oid == PgOids.NUMERIC ? new Encoding(INT_NUMERIC, bits / 8, 0, 0, null) : null;
            }
            case FLOAT:
                if (oid == PgOids.FLOAT8) {
                    return bits == 32 ? of(FLOAT4_TO_8) : new Encoding(REVERSED, 8, 8, 0, null);
                }
                return oid == PgOids.FLOAT4 && bits == 32 ? new Encoding(REVERSED, 4, 4, 0, null) : null;
            case BOOL:
                return oid == PgOids.BOOL ? of(BOOL) : null;
            case UTF8:
                return text(oid, typtype);
            case BINARY:
                return oid == PgOids.BYTEA ? of(BYTES) : null;
            case DATE32:
                return oid == PgOids.DATE ? of(DATE) : null;
            case TIME64_MICROS:
                return oid == PgOids.TIME ? of(TIME) : null;
            case TIMESTAMP_MICROS:
                return oid == (type.timezone() == null ? PgOids.TIMESTAMP : PgOids.TIMESTAMPTZ) ? of(TIMESTAMP) : null;
            case DECIMAL128:
                return oid == PgOids.NUMERIC ? of(DECIMAL) : null;
            case FIXED_SIZE_BINARY:
                return oid == PgOids.BYTEA || (oid == PgOids.UUID && type.byteWidth() == 16)
                        ? new Encoding(FIXED, type.byteWidth(), 0, 0, null) : null;
            case INTERVAL_MONTH_DAY_NANO:
                return oid == PgOids.INTERVAL ? of(INTERVAL) : null;
            default:
                return null;
        }
    }

    /**
     * utf8 into types whose binary form is the text itself (text, varchar, char, name, json, xml,
     * enums) or that the wire client parses from text (jsonb, numeric with NaN/Infinity and values
     * beyond 128 bits, inet, cidr, macaddr, macaddr8, uuid).
     */
    private static Encoding text(int oid, char typtype) {
        if (typtype == 'e') {
            return of(BYTES); // enum_recv takes the label text
        }
        switch (oid) {
            case PgOids.TEXT:
            case PgOids.VARCHAR:
            case PgOids.BPCHAR:
            case PgOids.NAME:
            case PgOids.JSON:
            case PgOids.XML:
                return of(BYTES);
            case PgOids.JSONB:
                return of(JSONB);
            case PgOids.NUMERIC:
                return of(NUMERIC_TEXT);
            case PgOids.INET:
                return of(INET);
            case PgOids.CIDR:
                return of(CIDR);
            case PgOids.MACADDR:
                return of(MAC6);
            case PgOids.MACADDR8:
                return of(MAC8);
            case PgOids.UUID:
                return of(UUID_TEXT);
            default:
                return null;
        }
    }

    /**
     * A month-day-nano time part in PostgreSQL microseconds, rounded half away from zero; the
     * all-MAX / all-MIN values are +/-infinity (PostgreSQL 17 sentinels), as source-postgres
     * writes them.
     */
    public static long intervalMicros(int months, int days, long nanos) {
        if (nanos == Long.MAX_VALUE && months == Integer.MAX_VALUE && days == Integer.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        if (nanos == Long.MIN_VALUE && months == Integer.MIN_VALUE && days == Integer.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long q = nanos / 1000;
        long r = nanos % 1000;
        if (r >= 500) {
            q++;
        } else if (r <= -500) {
            q--;
        }
        return q;
    }
}
