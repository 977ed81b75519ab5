package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.BoolColumn;
import io.rapidbyte.sdk.arrow.Decimal128;
import io.rapidbyte.sdk.arrow.DecimalColumn;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.FloatColumn;
import io.rapidbyte.sdk.arrow.IntColumn;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.arrow.VarBinaryColumn;
import java.nio.charset.StandardCharsets;

/**
 * Turns a {@link FilterSpec} into a {@link RowPredicate} for one schema, converting the JSON value
 * to the column's type once. Semantics, chosen to match SQL (Postgres) where it matters:
 * <ul>
 *   <li>a comparison with a null cell is false (for {@code ne} too): null rows are dropped;</li>
 *   <li>integer-backed types (int8..int64, date32 in days, time64 and timestamps in microseconds)
 *       take a JSON integer;</li>
 *   <li>floats take any JSON number; NaN equals NaN and sorts above every other value, and -0.0
 *       equals 0.0, as in Postgres;</li>
 *   <li>decimal128 takes a JSON number or numeric string, exact at the column's scale (a value with
 *       more fractional digits is a config error, never rounded);</li>
 *   <li>utf8 takes a string and compares UTF-8 bytes, i.e. by code point (Postgres' "C" collation);</li>
 *   <li>bool takes a boolean, false &lt; true;</li>
 *   <li>binary, fixed-size binary, interval and list columns support only {@code is_null} and
 *       {@code not_null}.</li>
 * </ul>
 * A spec that does not fit the schema is a {@code config} error with code {@code INVALID_FILTER}.
 * Stateless.
 */
public final class Predicates {
    /** Keeps every row. */
    public static final RowPredicate ALL = (batch, row) -> true;

    private Predicates() {
    }

    /** The predicate of {@code spec} (null: {@link #ALL}) against {@code schema}. */
    public static RowPredicate bind(FilterSpec spec, Schema schema) {
        if (spec == null) {
            return ALL;
        }
        int index = schema.indexOf(spec.column());
        if (index < 0) {
            throw invalid("filter column \"" + spec.column() + "\" is not in the input schema");
        }
        FilterOp op = spec.op();
        if (op == FilterOp.IS_NULL) {
            return (batch, row) -> batch.column(index).isNull(row);
        }
        if (op == FilterOp.NOT_NULL) {
            return (batch, row) -> !batch.column(index).isNull(row);
        }
        Field field = schema.field(index);
        switch (field.type().kind()) {
            case INT:
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS: {
                long value = integer(spec, field);
                return (batch, row) -> {
                    IntColumn c = batch.intColumn(index);
                    return !c.isNull(row) && op.accepts(Long.compare(c.getLong(row), value));
                };
            }
            case FLOAT: {
                double value = number(spec, field);
                return (batch, row) -> {
                    FloatColumn c = batch.floatColumn(index);
                    return !c.isNull(row) && op.accepts(compareFloats(c.getDouble(row), value));
                };
            }
            case BOOL: {
                boolean value = bool(spec, field);
                return (batch, row) -> {
                    BoolColumn c = batch.boolColumn(index);
                    return !c.isNull(row) && op.accepts(Boolean.compare(c.getBoolean(row), value));
                };
            }
            case UTF8: {
                byte[] value = utf8(spec, field);
                return (batch, row) -> {
                    VarBinaryColumn c = batch.varBinaryColumn(index);
                    return !c.isNull(row)
                            && op.accepts(compareBytes(c.array(), c.valueOffset(row), c.valueLength(row), value));
                };
            }
            case DECIMAL128: {
                long[] value = decimal(spec, field);
                return (batch, row) -> {
                    DecimalColumn c = batch.decimalColumn(index);
                    return !c.isNull(row) && op.accepts(compare128(c.getHigh(row), c.getLow(row), value[0], value[1]));
                };
            }
            default:
                throw invalid("filter op " + op.wireName() + " is not supported on " + describe(field)
                        + "; use is_null or not_null");
        }
    }

    /** Postgres float order: -0.0 equals 0.0; NaN equals NaN and is above everything else. */
    static int compareFloats(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }

    /** Unsigned lexicographic order of {@code a[off..off+len)} and {@code b}. */
    static int compareBytes(byte[] a, int off, int len, byte[] b) {
        int n = Math.min(len, b.length);
        for (int i = 0; i < n; i++) {
            int x = a[off + i] & 0xFF;
            int y = b[i] & 0xFF;
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        return Integer.compare(len, b.length);
    }

    /** Signed order of two 128-bit values given as (high, low) words. */
    static int compare128(long aHigh, long aLow, long bHigh, long bLow) {
        if (aHigh != bHigh) {
            return Long.compare(aHigh, bHigh);
        }
        return Long.compareUnsigned(aLow, bLow);
    }

    private static long integer(FilterSpec spec, Field field) {
        if (!(spec.value() instanceof Long)) {
            throw mismatch(spec, field, "an integer");
        }
        return (Long) spec.value();
    }

    private static double number(FilterSpec spec, Field field) {
        if (!(spec.value() instanceof Number)) {
            throw mismatch(spec, field, "a number");
        }
        return ((Number) spec.value()).doubleValue();
    }

    private static boolean bool(FilterSpec spec, Field field) {
        if (!(spec.value() instanceof Boolean)) {
            throw mismatch(spec, field, "a boolean");
        }
        return (Boolean) spec.value();
    }

    private static byte[] utf8(FilterSpec spec, Field field) {
        if (!(spec.value() instanceof String)) {
            throw mismatch(spec, field, "a string");
        }
        return ((String) spec.value()).getBytes(StandardCharsets.UTF_8);
    }

    private static long[] decimal(FilterSpec spec, Field field) {
        Object v = spec.value();
        if (!(v instanceof Number) && !(v instanceof String)) {
            throw mismatch(spec, field, "a number or a numeric string");
        }
        long[] hiLo = new long[2];
        try {
            Decimal128.parse(v.toString(), field.type().scale(), hiLo);
        } catch (NumberFormatException e) {
            throw invalid("filter value " + v + " does not fit " + describe(field) + ": " + e.getMessage());
        }
        return hiLo;
    }

    private static ConnectorException mismatch(FilterSpec spec, Field field, String expected) {
        return invalid("filter value for " + describe(field) + " must be " + expected + ", got " + spec.value());
    }

    private static String describe(Field field) {
        return "column \"" + field.name() + "\" (" + field.type() + ")";
    }

    private static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_FILTER", "filter: " + message).toException();
    }
}
