package io.rapidbyte.postgres.guest;

import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import java.util.List;

/**
 * Quoting for the SQL text the Postgres connectors build; every identifier that reaches the server
 * goes through {@link #ident}, every string value through {@link #literal}.
 *
 * <p>Identifiers are always double-quoted, so names keep their case and reserved words work; one
 * longer than {@value #MAX_IDENTIFIER_BYTES} UTF-8 bytes is refused because the server would
 * silently truncate it to another name. String literals are single-quoted; when the server has
 * {@code standard_conforming_strings} off, backslashes are escape characters there, so a value
 * containing one is written as {@code E'...'} with the backslashes doubled. PostgreSQL text cannot
 * hold NUL: a NUL in an identifier or a value is a clear error, never dropped. Stateless.
 */
public final class Sql {
    /** PostgreSQL's NAMEDATALEN - 1: longer identifiers would be truncated silently. */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private Sql() {
    }

    /**
     * {@code "name"} with embedded double quotes doubled.
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

    /** Whether string literals for the server of {@code connection} need no backslash escaping. */
    public static boolean standardConformingStrings(PgConnection connection) {
        return !"off".equals(connection.parameter("standard_conforming_strings"));
    }

    /** Whether {@code name} fits a PostgreSQL identifier without truncation. */
    public static boolean fitsIdentifier(String name) {
        return Utf8.encodedLength(name) <= MAX_IDENTIFIER_BYTES;
    }

    /**
     * A string literal for a server with the given {@code standard_conforming_strings} (on since
     * PostgreSQL 9.1): quotes doubled, and with it off, {@code E'...'} with backslashes doubled.
     *
     * @throws io.rapidbyte.sdk.ConnectorException (data, 22021) for a NUL character
     */
    public static String literal(String value, boolean standardConformingStrings) {
        StringBuilder sb = new StringBuilder(value.length() + 3);
        appendLiteral(sb, value, standardConformingStrings);
        return sb.toString();
    }

    /** {@link #literal} appended to {@code sb}. */
    public static void appendLiteral(StringBuilder sb, CharSequence value, boolean standardConformingStrings) {
        boolean escape = !standardConformingStrings && contains(value, '\\');
        if (escape) {
            sb.append('E');
        }
        sb.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || (escape && c == '\\')) {
                sb.append(c);
            } else if (c == 0) {
                throw ConnectorError.of(ErrorCategory.DATA, "22021", "a text value contains a NUL character, "
                        + "which PostgreSQL text cannot hold").toException();
            }
            sb.append(c);
        }
        sb.append('\'');
    }

    /** {@code ARRAY['a','b']::text[]}, or {@code ARRAY[]::text[]} for an empty list. */
    public static String textArray(List<String> values, boolean standardConformingStrings) {
        StringBuilder sb = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            appendLiteral(sb, values.get(i), standardConformingStrings);
        }
        return sb.append("]::text[]").toString();
    }

    private static boolean contains(CharSequence s, char c) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                return true;
            }
        }
        return false;
    }

    private static void checkIdentifier(String name) {
        if (name == null || name.isEmpty()) {
            throw badIdentifier("an empty identifier");
        }
        if (name.indexOf('\0') >= 0) {
            throw badIdentifier("identifier with a NUL character");
        }
        if (!fitsIdentifier(name)) {
            throw badIdentifier("identifier \"" + name + "\" is longer than " + MAX_IDENTIFIER_BYTES
                    + " bytes (PostgreSQL would truncate it)");
        }
    }

    private static RuntimeException badIdentifier(String what) {
        return ConnectorError.of(ErrorCategory.SCHEMA, "INVALID_IDENTIFIER", what).toException();
    }
}
