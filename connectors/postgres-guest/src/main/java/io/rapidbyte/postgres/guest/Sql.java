package io.rapidbyte.postgres.guest;

import java.util.List;

/**
 * Quoting for the SQL this connector generates. Identifiers are always double-quoted (so names keep
 * their case and reserved words work); string literals are single-quoted, and written as
 * {@code E'...'} with doubled backslashes when the server has {@code standard_conforming_strings}
 * off. NUL cannot occur in PostgreSQL text and is rejected. Stateless.
 */
public final class Sql {
    private Sql() {
    }

    /** {@code "name"} with embedded double quotes doubled. */
    public static String ident(String name) {
        checkNoNul(name);
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

    /**
     * A string literal. With {@code standardConformingStrings} (the default since PostgreSQL 9.1)
     * only quotes are doubled; without it backslashes are escape characters, so the literal becomes
     * {@code E'...'} with backslashes doubled as well.
     */
    public static String literal(String value, boolean standardConformingStrings) {
        checkNoNul(value);
        boolean escape = !standardConformingStrings && value.indexOf('\\') >= 0;
        StringBuilder sb = new StringBuilder(value.length() + 3);
        if (escape) {
            sb.append('E');
        }
        sb.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'' || (escape && c == '\\')) {
                sb.append(c);
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** {@code ARRAY['a','b']::text[]}, or {@code ARRAY[]::text[]} for an empty list. */
    public static String textArray(List<String> values, boolean standardConformingStrings) {
        StringBuilder sb = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(literal(values.get(i), standardConformingStrings));
        }
        return sb.append("]::text[]").toString();
    }

    private static void checkNoNul(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("SQL text cannot contain NUL characters");
        }
    }
}
