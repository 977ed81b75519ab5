package io.rapidbyte.host.testing;

import io.rapidbyte.host.abi.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only JSON: parses into Map/List/String/Long/Double/Boolean/null and writes the same
 * shapes back. Enough to script the probe guest and read its metric reports.
 */
public final class TestJson {
    private final String text;
    private int pos;

    private TestJson(String text) {
        this.text = text;
    }

    public static Object parse(String json) {
        TestJson p = new TestJson(json);
        Object v = p.value();
        p.ws();
        if (p.pos != json.length()) {
            throw new IllegalArgumentException("trailing text at " + p.pos + ": " + json);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String json) {
        return (Map<String, Object>) parse(json);
    }

    public static String write(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return JsonText.quote(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(JsonText.quote((String) k)).append(':')
                    .append(write(v)));
            return b.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : l) {
                b.append(b.length() > 1 ? "," : "").append(write(o));
            }
            return b.append(']').toString();
        }
        throw new IllegalArgumentException("cannot write " + value.getClass());
    }

    private void ws() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Object value() {
        ws();
        char c = text.charAt(pos);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            ws();
            if (text.charAt(pos) == '}') {
                pos++;
                return m;
            }
            do {
                ws();
                String k = (String) value();
                ws();
                expect(':');
                m.put(k, value());
                ws();
            } while (text.charAt(pos++) == ',');
            return m;
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            pos++;
            ws();
            if (text.charAt(pos) == ']') {
                pos++;
                return l;
            }
            do {
                l.add(value());
                ws();
            } while (text.charAt(pos++) == ',');
            return l;
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            pos++;
            while (text.charAt(pos) != '"') {
                char ch = text.charAt(pos++);
                if (ch == '\\') {
                    char e = text.charAt(pos++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(ch);
                }
            }
            pos++;
            return b.toString();
        }
        if (text.startsWith("true", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String num = text.substring(start, pos);
        if (num.isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + start + ": " + text);
        }
        return num.contains(".") || num.contains("e") || num.contains("E") ? (Object) Double.parseDouble(num)
                : (Object) Long.parseLong(num);
    }

    private void expect(char c) {
        if (text.charAt(pos) != c) {
            throw new IllegalArgumentException("expected " + c + " at " + pos + ": " + text);
        }
        pos++;
    }
}
