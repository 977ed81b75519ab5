package io.rapidbyte.dest.postgres.encode;

import io.rapidbyte.postgres.wire.crypto.Hex;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.BoolColumn;
import io.rapidbyte.sdk.arrow.Column;
import io.rapidbyte.sdk.arrow.Decimal128;
import io.rapidbyte.sdk.arrow.DecimalColumn;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumn;
import io.rapidbyte.sdk.arrow.FloatColumn;
import io.rapidbyte.sdk.arrow.IntColumn;
import io.rapidbyte.sdk.arrow.IntervalColumn;
import io.rapidbyte.sdk.arrow.ListColumn;
import io.rapidbyte.sdk.arrow.VarBinaryColumn;
import io.rapidbyte.sdk.json.JsonArray;

/**
 * Arrow values as PostgreSQL input text (what the type's input function accepts): for the INSERT
 * load method, whose untyped literals the server converts to each column's type, and for
 * dead-letter records. Lists become array literals ({@code {"a",NULL,"b"}}), binary becomes
 * {@code \x...} hex, 16-byte fixed-size binary a UUID. Stateless.
 */
public final class TextRenderer {

    private TextRenderer() {
    }

    /** Appends the input text of non-null value {@code row}. */
    public static void append(StringBuilder sb, Column c, int row) {
        // In parts: as one function this per-value code (INSERT loads) is over HotSpot's JIT size
        // limit once compiled (wasm-build's GuestMethodSizes checks it).
        switch (c.type().kind()) {
            case UTF8:
            case BINARY:
            case FIXED_SIZE_BINARY:
                appendBytes(sb, c, row);
                return;
            case DATE32:
            case TIME64_MICROS:
            case TIMESTAMP_MICROS:
            case INTERVAL_MONTH_DAY_NANO:
                appendTemporal(sb, c, row);
                return;
            case LIST:
                arrayLiteral(sb, (ListColumn) c, row);
                return;
            default:
                appendNumber(sb, c, row);
                return;
        }
    }

    private static void appendNumber(StringBuilder sb, Column c, int row) {
        ArrowType t = c.type();
        switch (t.kind()) {
            case INT:
                sb.append(((IntColumn) c).getLong(row));
                return;
            case FLOAT:
                FloatColumn f = (FloatColumn) c;
                if (t.bitWidth() == 32) {
                    // The exact double of the float: reads back as the same real, and as the same
                    // value in a double precision column (the float's own shortest text would not).
                    sb.append(Double.toString(f.getFloat(row)));
                } else {
                    sb.append(Double.toString(f.getDouble(row)));
                }
                return;
            case BOOL:
                sb.append(((BoolColumn) c).getBoolean(row) ? "true" : "false");
                return;
            case DECIMAL128: {
                DecimalColumn d = (DecimalColumn) c;
                sb.append(Decimal128.toPlainString(d.getHigh(row), d.getLow(row), d.scale()));
                return;
            }
            default:
                throw noTextForm(t);
        }
    }

    private static void appendBytes(StringBuilder sb, Column c, int row) {
        switch (c.type().kind()) {
            case UTF8:
                sb.append(((VarBinaryColumn) c).getString(row));
                return;
            case BINARY: {
                VarBinaryColumn v = (VarBinaryColumn) c;
                hex(sb, v.array(), v.valueOffset(row), v.valueLength(row));
                return;
            }
            case FIXED_SIZE_BINARY: {
                FixedSizeBinaryColumn v = (FixedSizeBinaryColumn) c;
                if (v.byteWidth() == 16) {
                    uuid(sb, v.array(), v.valueOffset(row));
                } else {
                    hex(sb, v.array(), v.valueOffset(row), v.byteWidth());
                }
                return;
            }
            default:
                throw noTextForm(c.type());
        }
    }

    private static void appendTemporal(StringBuilder sb, Column c, int row) {
        ArrowType t = c.type();
        switch (t.kind()) {
            case DATE32:
                DateTimeText.date(sb, (int) ((IntColumn) c).getLong(row));
                return;
            case TIME64_MICROS:
                DateTimeText.time(sb, ((IntColumn) c).getLong(row));
                return;
            case TIMESTAMP_MICROS:
                DateTimeText.timestamp(sb, ((IntColumn) c).getLong(row), t.timezone() != null);
                return;
            case INTERVAL_MONTH_DAY_NANO: {
                IntervalColumn v = (IntervalColumn) c;
                int months = v.getMonths(row);
                int days = v.getDays(row);
                DateTimeText.interval(sb, months, days, Encoding.intervalMicros(months, days, v.getNanos(row)));
                return;
            }
            default:
                throw noTextForm(t);
        }
    }

    private static IllegalArgumentException noTextForm(ArrowType t) {
        return new IllegalArgumentException("no text form for " + t);
    }

    /** The input text of value {@code row}, or null for SQL NULL. */
    public static String text(Column c, int row) {
        if (c.isNull(row)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        append(sb, c, row);
        return sb.toString();
    }

    /** Value {@code row} for a JSON document: Long, Boolean, Double (finite), String, JsonArray or null. */
    public static Object json(Column c, int row) {
        if (c.isNull(row)) {
            return null;
        }
        ArrowType t = c.type();
        switch (t.kind()) {
            case INT:
                return ((IntColumn) c).getLong(row);
            case BOOL:
                return ((BoolColumn) c).getBoolean(row);
            case FLOAT: {
                double d = ((FloatColumn) c).getDouble(row);
                return Double.isNaN(d) || Double.isInfinite(d) ? (Object) text(c, row) : (Object) d;
            }
            case LIST: {
                ListColumn list = (ListColumn) c;
                JsonArray a = new JsonArray();
                for (int j = list.start(row); j < list.end(row); j++) {
                    a.add(json(list.child(), j));
                }
                return a;
            }
            default:
                return text(c, row);
        }
    }

    private static void arrayLiteral(StringBuilder sb, ListColumn list, int row) {
        Column child = list.child();
        sb.append('{');
        int end = list.end(row);
        StringBuilder element = new StringBuilder();
        for (int j = list.start(row); j < end; j++) {
            if (j > list.start(row)) {
                sb.append(',');
            }
            if (child.isNull(j)) {
                sb.append("NULL");
                continue;
            }
            element.setLength(0);
            append(element, child, j);
            sb.append('"');
            for (int k = 0; k < element.length(); k++) {
                char ch = element.charAt(k);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        sb.append('}');
    }

    private static void hex(StringBuilder sb, byte[] b, int off, int len) {
        sb.append("\\x");
        for (int i = 0; i < len; i++) {
            Hex.appendByte(sb, b[off + i] & 0xFF);
        }
    }

    private static void uuid(StringBuilder sb, byte[] b, int off) {
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            Hex.appendByte(sb, b[off + i] & 0xFF);
        }
    }
}
