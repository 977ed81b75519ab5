package io.rapidbyte.sdk.json;

import java.util.Iterator;
import java.util.Map;

/**
 * Serialises a value graph of {@link Map} (String keys), {@link Iterable}, {@link String},
 * {@link Number} ({@link JsonNumber} keeps its text; non-finite doubles are rejected),
 * {@link Boolean} and {@code null} into compact JSON text. Non-ASCII characters are written as is
 * (the text is UTF-8 encoded at the wasm boundary); control characters, quotes and backslashes are
 * escaped. Depth is limited like {@link JsonReader}'s, which also stops cycles. Stateless.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /** Appends the JSON text of {@code value} to {@code out}. */
    public static void write(StringBuilder out, Object value) {
        append(out, value, 0);
    }

    /** Appends {@code value} as a quoted, escaped JSON string. */
    public static void quote(StringBuilder out, String value) {
        out.append('"');
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, start, i);
            start = i + 1;
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(value, start, value.length()).append('"');
    }

    private static void append(StringBuilder out, Object value, int depth) {
        if (depth > JsonReader.MAX_DEPTH) {
            throw new JsonException("value nested deeper than " + JsonReader.MAX_DEPTH + " (a cycle?)");
        }
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            quote(out, (String) value);
        } else if (value instanceof Boolean) {
            out.append(((Boolean) value).booleanValue() ? "true" : "false");
        } else if (value instanceof Number) {
            number(out, (Number) value);
        } else if (value instanceof Map) {
            object(out, (Map<?, ?>) value, depth);
        } else if (value instanceof Iterable) {
            array(out, (Iterable<?>) value, depth);
        } else {
            throw new JsonException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void number(StringBuilder out, Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new JsonException("JSON has no " + d);
            }
            out.append(n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d));
        } else if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            out.append(n.longValue());
        } else {
            out.append(n.toString());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new JsonException("JSON object keys must be strings, got " + e.getKey());
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, (String) e.getKey());
            out.append(':');
            append(out, e.getValue(), depth + 1);
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Iterable<?> items, int depth) {
        out.append('[');
        Iterator<?> it = items.iterator();
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            append(out, it.next(), depth + 1);
        }
        out.append(']');
    }
}
