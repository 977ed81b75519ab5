package io.rapidbyte.host.abi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the host needs without a JSON library: checking that a guest payload is
 * well-formed JSON (ABI.md section 6 makes malformed JSON an {@code INVALID_ARGUMENT}), quoting
 * strings for the {@code ctx-json} the host builds, and reading the top-level string members
 * of an object (the manifest's name/version/role). Stateless and thread-safe.
 */
public final class JsonText {
    /** Deeper nesting is rejected so that hostile input cannot exhaust the host's stack. */
    static final int MAX_DEPTH = 256;

    private JsonText() {
    }

    /** Whether {@code text} is exactly one JSON value (RFC 8259), surrounded by whitespace only. */
    public static boolean isValid(String text) {
        try {
            Scanner s = new Scanner(text);
            s.value(0, null);
            s.skipWhitespace();
            return s.pos == text.length();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The members of a top-level JSON object whose values are strings, in document order.
     *
     * @throws IllegalArgumentException if {@code text} is not a JSON object
     */
    public static Map<String, String> topLevelStrings(String text) {
        Scanner s = new Scanner(text);
        s.skipWhitespace();
        if (s.peek() != '{') {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        s.value(0, out);
        s.skipWhitespace();
        if (s.pos != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + s.pos);
        }
        return out;
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Recursive-descent scanner; throws IllegalArgumentException at the first error. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + pos);
        }

        void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        /** Scans one value; when {@code strings} is non-null, collects the object's string members. */
        String value(int depth, Map<String, String> strings) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
            skipWhitespace();
            char c = peek();
            switch (c) {
                case '{' -> object(depth, strings);
                case '[' -> array(depth);
                case '"' -> {
                    return string();
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            }
            return null;
        }

        void object(int depth, Map<String, String> strings) {
            expect('{');
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                String key = string();
                skipWhitespace();
                expect(':');
                String member = value(depth + 1, null);
                if (strings != null && member != null) {
                    strings.put(key, member);
                }
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return;
                }
            }
        }

        void array(int depth) {
            expect('[');
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return;
            }
            while (true) {
                value(depth + 1, null);
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return;
                }
            }
        }

        void literal(String word) {
            if (!text.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
        }

        void number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else {
                digits();
            }
            if (peek() == '.') {
                pos++;
                digits();
            }
            if (peek() == 'e' || peek() == 'E') {
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                digits();
            }
            if (pos == start) {
                throw error("expected a value");
            }
        }

        void digits() {
            int start = pos;
            while (peek() >= '0' && peek() <= '9') {
                pos++;
            }
            if (pos == start) {
                throw error("expected a digit");
            }
        }

        String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("short unicode escape");
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(text.charAt(pos++), 16);
                            if (digit < 0) {
                                throw error("bad unicode escape");
                            }
                            code = code * 16 + digit;
                        }
                        b.append((char) code);
                    }
                    default -> throw error("bad escape");
                }
            }
        }
    }
}
