package io.rapidbyte.source.postgres.catalog;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Postgres type to Arrow type, exactly:
 *
 * <table>
 *   <caption>type mapping</caption>
 *   <tr><th>Postgres</th><th>Arrow</th></tr>
 *   <tr><td>int2 / int4 / int8</td><td>int16 / int32 / int64</td></tr>
 *   <tr><td>oid</td><td>int64</td></tr>
 *   <tr><td>float4 / float8</td><td>float32 / float64 (NaN and infinities kept)</td></tr>
 *   <tr><td>numeric(p,s), p &le; 38</td><td>decimal128(p,s); a NaN value fails the read (no decimal128
 *       form), unless the column is read as text</td></tr>
 *   <tr><td>numeric without typmod, numeric(p,s) with p &gt; 38</td><td>utf8, the server's text form
 *       (exact, including NaN, Infinity, -Infinity)</td></tr>
 *   <tr><td>bool</td><td>bool</td></tr>
 *   <tr><td>text, varchar, char(n), name, json</td><td>utf8</td></tr>
 *   <tr><td>jsonb</td><td>utf8 (the JSON text)</td></tr>
 *   <tr><td>json, jsonb (also read as text, and as list elements)</td><td>utf8 with the extension type
 *       {@code arrow.json}</td></tr>
 *   <tr><td>bytea</td><td>binary</td></tr>
 *   <tr><td>date</td><td>date32 (&plusmn;infinity: INT32 max/min, see {@link BatchKeys#INFINITY})</td></tr>
 *   <tr><td>time</td><td>time64[us]</td></tr>
 *   <tr><td>timestamp</td><td>timestamp[us] (&plusmn;infinity: INT64 max/min)</td></tr>
 *   <tr><td>timestamptz</td><td>timestamp[us, tz=UTC] (&plusmn;infinity: INT64 max/min)</td></tr>
 *   <tr><td>interval</td><td>interval[month_day_nano]</td></tr>
 *   <tr><td>uuid</td><td>fixed_size_binary[16], extension type {@code arrow.uuid}</td></tr>
 *   <tr><td>inet, cidr, macaddr, macaddr8</td><td>utf8, as the server prints them</td></tr>
 *   <tr><td>arrays of the types above</td><td>list of the element's Arrow type (one-dimensional values
 *       with lower bound 1; others fail the read)</td></tr>
 *   <tr><td>arrays declared with two or more dimensions</td><td>utf8, the array's exact text (shape and
 *       bounds kept) through a {@code ::text} cast</td></tr>
 *   <tr><td>enums, everything else (and arrays of them)</td><td>utf8 (list of utf8) through a
 *       {@code ::text} cast, with a logged notice</td></tr>
 * </table>
 *
 * Domains map like their base type. A column the stream lists in {@code text_columns} is read as
 * utf8 through {@code ::text} whatever its type: the exact way for values the native mapping cannot
 * hold.
 *
 * <p>uuid and json/jsonb fields (list elements too) carry Arrow's canonical extension types
 * ({@code ARROW:extension:name} {@code arrow.uuid} / {@code arrow.json}, with the empty
 * {@code ARROW:extension:metadata} both take) beside {@code rapidbyte.pg_type}, so any Arrow reader
 * learns what the bytes are without our metadata. Stateless.
 */
public final class TypeMapper {
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Arrow's canonical extension type keys (Arrow columnar format, "Extension Types"). */
    public static final String EXTENSION_NAME_KEY = "ARROW:extension:name";
    public static final String EXTENSION_METADATA_KEY = "ARROW:extension:metadata";
    public static final String UUID_EXTENSION = "arrow.uuid";
    public static final String JSON_EXTENSION = "arrow.json";
    /**
     * Declares on every field read from a date, timestamp[tz] or interval column (list items too) how PostgreSQL's {@code infinity} and
     * {@code -infinity} travel: as the type's maximum and minimum value (PostgreSQL's own sentinels;
     * an interval has all three fields at their max / min). A reader that sees this key knows those
     * two values are not instants. Not a null: Arrow forbids nulls in a non-nullable field, and a
     * null would make infinity indistinguishable from a missing value.
     */
    public static final String INFINITY_EXTREMES = "max_min";

    private TypeMapper() {
    }

    public static ColumnMapping map(ColumnInfo c) {
        return map(c, false);
    }

    /** @param asText read the column as its text form (the stream's {@code text_columns}) */
    public static ColumnMapping map(ColumnInfo c, boolean asText) {
        if (asText) {
            return asText(c, "listed in text_columns: read as its exact text form");
        }
        if (c.isArray() && c.dimensions() > 1) {
            return asText(c, "declared with " + c.dimensions() + " dimensions: read as its exact text form, "
                    + "which keeps the shape (a list holds one dimension)");
        }
        if (c.isArray()) {
            return mapArray(c);
        }
        ValueKind kind = scalarKind(c.baseOid(), c.baseKind());
        String reason = null;
        ColumnMapping.Cast cast = ColumnMapping.Cast.NONE;
        int[] decimal = null;
        if (kind == ValueKind.DECIMAL) {
            decimal = decimalPrecisionScale(c.baseTypmod());
            if (decimal == null) {
                kind = ValueKind.TEXT;
                cast = ColumnMapping.Cast.TEXT;
                reason = c.baseTypmod() < 0 ? "numeric without precision: read as its exact text form"
                        : "numeric precision above 38: read as its exact text form";
            }
        } else if (kind == null) {
            kind = ValueKind.TEXT;
            cast = ColumnMapping.Cast.TEXT;
            reason = (c.baseKind() == 'e' ? "enum " : "type ") + c.pgType() + " has no Arrow mapping: read as text";
        }
        ArrowType type = arrowType(kind, decimal);
        return new ColumnMapping(c, kind, null, cast, withPgType(Field.nullable(c.name(), type), !c.notNull(), c,
                extension(c.baseOid(), type)), reason);
    }

    private static ColumnMapping asText(ColumnInfo c, String reason) {
        Field f = withPgType(Field.nullable(c.name(), ArrowType.UTF8), !c.notNull(), c,
                c.isArray() ? null : extension(c.baseOid(), ArrowType.UTF8));
        return new ColumnMapping(c, ValueKind.TEXT, null, ColumnMapping.Cast.TEXT, f, reason);
    }

    private static ColumnMapping mapArray(ColumnInfo c) {
        ValueKind element = scalarKind(c.elementOid(), c.elementKind());
        int[] decimal = null;
        String reason = null;
        if (element == ValueKind.DECIMAL) {
            decimal = decimalPrecisionScale(c.baseTypmod());
            if (decimal == null) {
                element = null;
                reason = "numeric[] without precision 1..38: elements read as their exact text form";
            }
        } else if (element == null) {
            reason = "array type " + c.pgType() + " has no Arrow element mapping: elements read as text";
        }
        ColumnMapping.Cast cast = ColumnMapping.Cast.NONE;
        if (element == null) {
            element = ValueKind.TEXT;
            cast = ColumnMapping.Cast.TEXT_ARRAY;
        }
        ArrowType itemType = arrowType(element, decimal);
        String itemExtension = extension(c.elementOid(), itemType);
        Map<String, String> itemMetadata = valueMetadata(itemType, itemExtension);
        Field item = new Field(Field.LIST_ITEM_NAME, itemType, true, null, itemMetadata.isEmpty() ? null : itemMetadata);
        Field list = new Field(c.name(), ArrowType.LIST, !c.notNull(), Collections.singletonList(item),
                Collections.singletonMap(BatchKeys.PG_TYPE, c.pgType()));
        return new ColumnMapping(c, ValueKind.LIST, element, cast, list, reason);
    }

    private static Field withPgType(Field f, boolean nullable, ColumnInfo c, String extension) {
        Map<String, String> m = valueMetadata(f.type(), extension);
        m.put(BatchKeys.PG_TYPE, c.pgType());
        return new Field(f.name(), f.type(), nullable, null, m);
    }

    /** What a value of {@code type} says about itself: its extension type, how infinity travels. */
    private static Map<String, String> valueMetadata(ArrowType type, String extension) {
        Map<String, String> m = extension == null ? new LinkedHashMap<String, String>() : extensionMetadata(extension);
        if (hasInfinity(type)) {
            m.put(BatchKeys.INFINITY, INFINITY_EXTREMES);
        }
        return m;
    }

    /** Arrow types a PostgreSQL infinity can be stored in (date, timestamp[tz], interval). */
    static boolean hasInfinity(ArrowType type) {
        ArrowType.Kind k = type.kind();
        return k == ArrowType.Kind.DATE32 || k == ArrowType.Kind.TIMESTAMP_MICROS
                || k == ArrowType.Kind.INTERVAL_MONTH_DAY_NANO;
    }

    /** The canonical extension type of a value of type {@code oid} stored as {@code type}, or null. */
    static String extension(int oid, ArrowType type) {
        if (oid == PgOids.UUID && type.equals(ArrowType.fixedSizeBinary(16))) {
            return UUID_EXTENSION;
        }
        if ((oid == PgOids.JSON || oid == PgOids.JSONB) && type.equals(ArrowType.UTF8)) {
            return JSON_EXTENSION;
        }
        return null;
    }

    private static Map<String, String> extensionMetadata(String extension) {
        Map<String, String> m = new LinkedHashMap<String, String>();
        m.put(EXTENSION_NAME_KEY, extension);
        // Neither type has parameters; the spec allows an empty string for both.
        m.put(EXTENSION_METADATA_KEY, "");
        return m;
    }

    /** The native kind of a non-array type, DECIMAL for any numeric, or null for "read as text". */
    static ValueKind scalarKind(int oid, char typtype) {
        if (typtype == 'e') {
            return null;
        }
        switch (oid) {
            case PgOids.INT2: return ValueKind.INT16;
            case PgOids.INT4: return ValueKind.INT32;
            case PgOids.INT8: return ValueKind.INT64;
            case PgOids.OID: return ValueKind.OID;
            case PgOids.FLOAT4: return ValueKind.FLOAT32;
            case PgOids.FLOAT8: return ValueKind.FLOAT64;
            case PgOids.NUMERIC: return ValueKind.DECIMAL;
            case PgOids.BOOL: return ValueKind.BOOL;
            case PgOids.TEXT:
            case PgOids.VARCHAR:
            case PgOids.BPCHAR:
            case PgOids.NAME:
            case PgOids.JSON:
                return ValueKind.TEXT;
            case PgOids.JSONB: return ValueKind.JSONB;
            case PgOids.BYTEA: return ValueKind.BYTEA;
            case PgOids.DATE: return ValueKind.DATE;
            case PgOids.TIME: return ValueKind.TIME;
            case PgOids.TIMESTAMP: return ValueKind.TIMESTAMP;
            case PgOids.TIMESTAMPTZ: return ValueKind.TIMESTAMPTZ;
            case PgOids.INTERVAL: return ValueKind.INTERVAL;
            case PgOids.UUID: return ValueKind.UUID;
            case PgOids.INET:
            case PgOids.CIDR:
                return ValueKind.INET;
            case PgOids.MACADDR:
            case PgOids.MACADDR8:
                return ValueKind.MACADDR;
            default:
                return null;
        }
    }

    /** {precision, scale} of a numeric typmod when the precision fits decimal128, else null. */
    static int[] decimalPrecisionScale(int typmod) {
        if (typmod < 4) {
            return null;
        }
        int mod = typmod - 4;
        int precision = (mod >> 16) & 0xffff;
        int scale = ((mod & 0x7ff) ^ 1024) - 1024; // 11-bit signed since PostgreSQL 15
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
            return null;
        }
        return new int[] {precision, scale};
    }

    static ArrowType arrowType(ValueKind kind, int[] decimal) {
        switch (kind) {
            case INT16: return ArrowType.INT16;
            case INT32: return ArrowType.INT32;
            case INT64:
            case OID:
                return ArrowType.INT64;
            case FLOAT32: return ArrowType.FLOAT32;
            case FLOAT64: return ArrowType.FLOAT64;
            case BOOL: return ArrowType.BOOL;
            case DECIMAL: return ArrowType.decimal128(decimal[0], decimal[1]);
            case BYTEA: return ArrowType.BINARY;
            case DATE: return ArrowType.DATE32;
            case TIME: return ArrowType.TIME64_MICROS;
            case TIMESTAMP: return ArrowType.TIMESTAMP_MICROS;
            case TIMESTAMPTZ: return ArrowType.timestampMicros("UTC");
            case INTERVAL: return ArrowType.INTERVAL_MONTH_DAY_NANO;
            case UUID: return ArrowType.fixedSizeBinary(16);
            case TEXT:
            case JSONB:
            case INET:
            case MACADDR:
                return ArrowType.UTF8;
            default:
                throw new IllegalArgumentException("no scalar Arrow type for " + kind);
        }
    }
}
