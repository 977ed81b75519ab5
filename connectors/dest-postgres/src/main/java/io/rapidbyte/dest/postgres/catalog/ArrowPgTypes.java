package io.rapidbyte.dest.postgres.catalog;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;

/**
 * The Arrow → PostgreSQL type map, the exact inverse of source-postgres' map: int16/32/64 →
 * smallint/integer/bigint (int8 → smallint), float32/64 → real/double precision, bool →
 * boolean, utf8 → text, binary → bytea, date32 → date, time64[us] → time, timestamp[us] →
 * timestamp, with a zone → timestamptz, decimal128(p,s) → numeric(p,s), fixed-size-binary(16) →
 * uuid (other widths → bytea), interval(month-day-nano) → interval, list&lt;x&gt; → x[].
 * A field's {@value BatchKeys#PG_TYPE} metadata, when it is a plain type name, wins over the map.
 * Stateless.
 */
public final class ArrowPgTypes {
    /** Field metadata key naming the source column's type (BATCH-METADATA.md). */

    private ArrowPgTypes() {
    }

    /** The type the table should have for {@code field}: its pg_type metadata if usable, else {@link #natural}. */
    public static PgTypeName desired(Field field) {
        String meta = field.metadata().get(BatchKeys.PG_TYPE);
        if (meta != null) {
            PgTypeName t = PgTypeName.parse(meta);
            if (t != null) {
                return t;
            }
        }
        return natural(field);
    }

    /** The inverse-map type of {@code field}'s Arrow type. */
    public static PgTypeName natural(Field field) {
        return PgTypeName.parse(naturalName(field));
    }

    /** The inverse-map type name, e.g. {@code numeric(12,2)} or {@code text[]}. */
    public static String naturalName(Field field) {
        ArrowType t = field.type();
        switch (t.kind()) {
            case INT:
                return t.bitWidth() <= 16 ? "smallint" : t.bitWidth() == 32 ? "integer" : "bigint";
            case FLOAT:
                return t.bitWidth() == 32 ? "real" : "double precision";
            case BOOL:
                return "boolean";
            case UTF8:
                return "text";
            case BINARY:
                return "bytea";
            case DATE32:
                return "date";
            case TIME64_MICROS:
                return "time without time zone";
            case TIMESTAMP_MICROS:
                return t.timezone() == null ? "timestamp without time zone" : "timestamp with time zone";
            case DECIMAL128:
                return "numeric(" + t.precision() + "," + t.scale() + ")";
            case FIXED_SIZE_BINARY:
                return t.byteWidth() == 16 ? "uuid" : "bytea";
            case INTERVAL_MONTH_DAY_NANO:
                return "interval";
            case LIST:
                Field element = field.elementField();
                if (element.type().kind() == ArrowType.Kind.LIST) {
                    throw unsupported(field, "nested lists");
                }
                return naturalName(element) + "[]";
            default:
                throw unsupported(field, t.toString());
        }
    }

    /** The binary-format type OID of {@link #naturalName} (for arrays: the array type). */
    public static int naturalOid(Field field) {
        ArrowType t = field.type();
        switch (t.kind()) {
            case INT:
                return t.bitWidth() <= 16 ? PgOids.INT2 : t.bitWidth() == 32 ? PgOids.INT4 : PgOids.INT8;
            case FLOAT:
                return t.bitWidth() == 32 ? PgOids.FLOAT4 : PgOids.FLOAT8;
            case BOOL:
                return PgOids.BOOL;
            case UTF8:
                return PgOids.TEXT;
            case BINARY:
                return PgOids.BYTEA;
            case DATE32:
                return PgOids.DATE;
            case TIME64_MICROS:
                return PgOids.TIME;
            case TIMESTAMP_MICROS:
                return t.timezone() == null ? PgOids.TIMESTAMP : PgOids.TIMESTAMPTZ;
            case DECIMAL128:
                return PgOids.NUMERIC;
            case FIXED_SIZE_BINARY:
                return t.byteWidth() == 16 ? PgOids.UUID : PgOids.BYTEA;
            case INTERVAL_MONTH_DAY_NANO:
                return PgOids.INTERVAL;
            case LIST:
                naturalName(field); // rejects nested lists
                return PgOids.arrayOf(naturalOid(field.elementField()));
            default:
                throw unsupported(field, t.toString());
        }
    }

    /** A column description of the natural type, for staging tables the connector creates itself. */
    public static TableColumn naturalColumn(String name, Field field) {
        int oid = naturalOid(field);
        int elem = field.type().kind() == ArrowType.Kind.LIST ? naturalOid(field.elementField()) : 0;
        return new TableColumn(name, naturalName(field), oid, TableColumn.TYPTYPE_BASE, elem,
                TableColumn.TYPTYPE_BASE, false, false);
    }

    private static RuntimeException unsupported(Field field, String what) {
        return ConnectorError.of(ErrorCategory.SCHEMA, "UNSUPPORTED_TYPE", "field \"" + field.name()
                + "\": " + what + " cannot be loaded into PostgreSQL").toException();
    }
}
