package io.rapidbyte.postgres.wire;

import io.rapidbyte.sdk.text.Utf8;

/**
 * The fields of one ErrorResponse or NoticeResponse, as sent by the server.
 * Any field may be absent ({@code null}); unknown field codes are kept and can be
 * read with {@link #field(char)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PgServerMessage {

    private final String[] fields; // indexed by the ASCII field code

    private PgServerMessage(String[] fields) {
        this.fields = fields;
    }

    /**
     * Parses the body of an 'E' or 'N' message: repeated (code byte, C string),
     * terminated by a zero byte.
     *
     * @throws IllegalArgumentException if the body is not well-formed
     */
    public static PgServerMessage parse(byte[] buf, int off, int len) {
        String[] fields = new String[128];
        int end = off + len;
        int p = off;
        while (true) {
            if (p >= end) {
                throw new IllegalArgumentException("error/notice fields not terminated");
            }
            int code = buf[p++] & 0xff;
            if (code == 0) {
                break;
            }
            int z = p;
            while (z < end && buf[z] != 0) {
                z++;
            }
            if (z >= end) {
                throw new IllegalArgumentException("error/notice field not terminated");
            }
            if (code < 128) {
                // Shown to people, and may be in the server's own encoding before client_encoding applies.
                fields[code] = Utf8.decodeForDisplay(buf, p, z - p);
            }
            p = z + 1;
        }
        return new PgServerMessage(fields);
    }

    /** The raw field for a protocol field code such as 'C', or null. */
    public String field(char code) {
        return code < 128 ? fields[code] : null;
    }

    /** Localized severity ('S'), e.g. ERROR, FATAL, PANIC, WARNING, NOTICE. */
    public String severity() {
        return fields['S'];
    }

    /** Non-localized severity ('V', servers 9.6+). */
    public String severityNonLocalized() {
        return fields['V'];
    }

    /** The effective severity: 'V' if present, else 'S'. */
    public String effectiveSeverity() {
        return fields['V'] != null ? fields['V'] : fields['S'];
    }

    public String sqlState() {
        return fields['C'];
    }

    public String message() {
        return fields['M'];
    }

    public String detail() {
        return fields['D'];
    }

    public String hint() {
        return fields['H'];
    }

    /** 1-based character position in the query string, or -1. */
    public int position() {
        return parseInt(fields['P']);
    }

    /** 1-based position in an internally generated query, or -1. */
    public int internalPosition() {
        return parseInt(fields['p']);
    }

    public String internalQuery() {
        return fields['q'];
    }

    public String where() {
        return fields['W'];
    }

    public String schemaName() {
        return fields['s'];
    }

    public String tableName() {
        return fields['t'];
    }

    public String columnName() {
        return fields['c'];
    }

    public String dataTypeName() {
        return fields['d'];
    }

    public String constraintName() {
        return fields['n'];
    }

    public String file() {
        return fields['F'];
    }

    /** Source line in the server, or -1. */
    public int line() {
        return parseInt(fields['L']);
    }

    public String routine() {
        return fields['R'];
    }

    private static int parseInt(String s) {
        if (s == null || s.isEmpty()) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9' || v > 100_000_000) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** "SEVERITY: message (SQLSTATE xxxxx)" plus detail and hint when present. */
    @Override
    public String toString() {
        return text(true);
    }

    /** "SEVERITY: message" plus detail and hint, without the SQLSTATE (for messages that state it already). */
    public String textWithoutCode() {
        return text(false);
    }

    private String text(boolean withCode) {
        StringBuilder sb = new StringBuilder();
        String sev = effectiveSeverity();
        if (sev != null) {
            sb.append(sev).append(": ");
        }
        sb.append(message() == null ? "(no message)" : message());
        if (withCode && sqlState() != null) {
            sb.append(" (SQLSTATE ").append(sqlState()).append(')');
        }
        if (detail() != null) {
            sb.append(" DETAIL: ").append(detail());
        }
        if (hint() != null) {
            sb.append(" HINT: ").append(hint());
        }
        return sb.toString();
    }
}
