package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.sdk.text.Utf8;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoders for the bodies of backend messages that carry data: RowDescription,
 * DataRow, CommandComplete and Copy{In,Out}Response. They take a body slice and
 * throw {@link IllegalArgumentException} when it is malformed (callers turn that
 * into a protocol violation). Stateless; thread-safe.
 */
final class BackendMessages {

    private BackendMessages() {
    }

    /** RowDescription ('T'). */
    static List<PgColumn> rowDescription(byte[] b, int off, int len) {
        int end = off + len;
        need(2, off, end);
        int n = BigEndian.uint16(b, off);
        int p = off + 2;
        List<PgColumn> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int z = Session.indexOfZero(b, p, end);
            if (z < 0) {
                throw new IllegalArgumentException("RowDescription field name not terminated");
            }
            String name = Utf8.decode(b, p, z - p);
            p = z + 1;
            need(18, p, end);
            cols.add(new PgColumn(name, BigEndian.int32(b, p), BigEndian.int16(b, p + 4), BigEndian.int32(b, p + 6),
                    BigEndian.int16(b, p + 10), BigEndian.int32(b, p + 12), BigEndian.int16(b, p + 16)));
            p += 18;
        }
        return cols;
    }

    /** DataRow ('D') as text values, null for SQL NULL. */
    static String[] dataRowText(byte[] b, int off, int len) {
        int end = off + len;
        need(2, off, end);
        int n = BigEndian.uint16(b, off);
        int p = off + 2;
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
            need(4, p, end);
            int fl = BigEndian.int32(b, p);
            p += 4;
            if (fl == -1) {
                continue;
            }
            if (fl < 0) {
                throw new IllegalArgumentException("negative DataRow field length");
            }
            need(fl, p, end);
            row[i] = Utf8.decode(b, p, fl);
            p += fl;
        }
        return row;
    }

    /** CommandComplete ('C') tag. */
    static String commandTag(byte[] b, int off, int len) {
        int z = Session.indexOfZero(b, off, off + len);
        return Utf8.decode(b, off, (z < 0 ? off + len : z) - off);
    }

    /**
     * Copy{In,Out,Both}Response: overall format (0 text, 1 binary) followed by the
     * per-column format codes.
     */
    static int[] copyResponseFormats(byte[] b, int off, int len) {
        int end = off + len;
        need(3, off, end);
        int n = BigEndian.uint16(b, off + 1);
        need(3 + 2 * n, off, end);
        int[] formats = new int[n + 1];
        formats[0] = b[off];
        for (int i = 0; i < n; i++) {
            formats[i + 1] = BigEndian.int16(b, off + 3 + 2 * i);
        }
        return formats;
    }

    private static void need(int n, int p, int end) {
        if (n < 0 || end - p < n) {
            throw new IllegalArgumentException("message body truncated");
        }
    }
}
