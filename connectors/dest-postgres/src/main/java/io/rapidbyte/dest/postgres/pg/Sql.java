package io.rapidbyte.dest.postgres.pg;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import java.util.List;

/**
 * Quoting for SQL text built by the connector. Every identifier that reaches the server goes
 * through {@link #ident}; every string value through {@link #literal}. Stateless.
 */
public final class Sql {
    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers would be truncated silently. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private Sql() {
    }

    /**
     * {@code "name"} with embedded quotes doubled.
     *
     * @throws io.rapidbyte.sdk.ConnectorException (schema, INVALID_IDENTIFIER) for an empty name,
     *         a NUL character or more than 63 UTF-8 bytes
     */
    public static String ident(String name) {
        checkIdentifier(name);
        StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"') {
                sb.append('"');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** {@code "schema"."table"}. */
    public static String qualified(String schema, String table) {
        return ident(schema) + "." + ident(table);
    }

    /** Comma-separated quoted identifiers. */
    public static String identList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(ident(names.get(i)));
        }
        return sb.toString();
    }

    /**
     * An escape-string literal {@code E'...'} (quotes and backslashes doubled), valid whatever
     * {@code standard_conforming_strings} is.
     */
    public static String literal(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        appendLiteral(sb, value);
        return sb.toString();
    }

    public static void appendLiteral(StringBuilder sb, CharSequence value) {
        sb.append("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || c == '\\') {
                sb.append(c);
            } else if (c == 0) {
                throw ConnectorError.of(ErrorCategory.DATA, "22021", "a text value contains a NUL character, "
                        + "which PostgreSQL text cannot hold").toException();
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    /** UTF-8 length of {@code s}. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static void checkIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            throw badIdentifier("an empty identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw badIdentifier("identifier with a NUL character");
        }
        if (utf8Length(name) > MAX_IDENTIFIER_BYTES) {
            throw badIdentifier("identifier \"" + name + "\" is longer than " + MAX_IDENTIFIER_BYTES
                    + " bytes (PostgreSQL would truncate it)");
        }
    }

    private static RuntimeException badIdentifier(String what) {
        return ConnectorError.of(ErrorCategory.SCHEMA, "INVALID_IDENTIFIER", what).toException();
    }
}
