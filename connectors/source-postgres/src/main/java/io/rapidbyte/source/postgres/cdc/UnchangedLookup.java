package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.BinaryCopyReader;
import io.rapidbyte.postgres.wire.BinaryCopyWriter;
import io.rapidbyte.postgres.wire.CopyIn;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.postgres.wire.pgoutput.TupleData;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Reads, from the source table as it is now, the values a key change's new row left unchanged.
 *
 * <p>Why: pgoutput sends an unchanged TOASTed value as "unchanged", and a key change's old tuple
 * holds only the key, so such a value exists downstream only in the old row at the destination.
 * After a resumed snapshot the destination may not have that row (it moved, between the slot's
 * consistent point and the resumed read, from the part not yet read into the part already read).
 * The value as it is now is newer than the change, and every later change of the column follows
 * in the stream, so the target still ends equal to the source.
 *
 * <p>The key goes in by binary COPY into a session temp table of the key columns (the same types
 * as the table's, so the replication stream's binary values are valid COPY input), the values come
 * out by binary COPY, in the column types' own binary form like the stream's. Key changes of rows
 * with unchanged TOASTed values are rare; each costs these few statements. A text-mode stream's
 * values are output text: its key goes in as literals of one simple query, whose result is the
 * values' output text under the same session settings as the stream's. Not thread-safe.
 */
final class UnchangedLookup {
    private static final String KEYS = "pg_temp.rapidbyte_cdc_key";

    private final PgConnection sql;
    private final String table;
    private final String[] keyNames;
    private final boolean text;
    private final boolean standardStrings;
    private boolean created;

    /** @param keyNames the primary key's column names, in key order */
    /** @param text the stream's values, and so the ones returned, are in text form */
    UnchangedLookup(PgConnection sql, String schema, String name, String[] keyNames, boolean text,
            boolean standardStrings) {
        this.sql = sql;
        this.text = text;
        this.standardStrings = standardStrings;
        this.table = Sql.qualified(schema, name);
        this.keyNames = keyNames;
    }

    /**
     * @param keyColumns relation indexes of the key columns (in {@code keyNames}' order)
     * @param columns    relation indexes of the values wanted, {@code names} their column names
     * @return the values (null elements: SQL NULL), or null when no row has the key now
     */
    byte[][] current(TupleData row, int[] keyColumns, int[] columns, String[] names) throws PgException {
        if (text) {
            return currentText(row, keyColumns, names);
        }
        String keys = list("", keyNames);
        if (!created) {
            sql.simpleQuery("CREATE TEMP TABLE IF NOT EXISTS " + KEYS + " AS SELECT " + keys + " FROM " + table
                    + " WITH NO DATA");
            created = true;
        }
        copyKey(row, keyColumns, keys);
        return read(columns.length, names);
    }

    /** The key of {@code row} as the only row of the temp table. */
    private void copyKey(TupleData row, int[] keyColumns, String keys) throws PgException {
        sql.simpleQuery("TRUNCATE " + KEYS);
        CopyIn in = sql.copyIn("COPY " + KEYS + " (" + keys + ") FROM STDIN (FORMAT binary)");
        BinaryCopyWriter w = new BinaryCopyWriter(in);
        w.startTuple(keyColumns.length);
        for (int k : keyColumns) {
            w.writeBytes(row.buffer(), row.offset(k), row.length(k));
        }
        w.endTuple();
        w.finish();
        in.finish();
    }

    /** The {@code names} columns of the table's row with the temp table's key, or null when there is none. */
    private byte[][] read(int count, String[] names) throws PgException {
        StringBuilder on = new StringBuilder();
        for (String k : keyNames) {
            on.append(on.length() == 0 ? "" : " AND ").append("t.").append(Sql.ident(k)).append(" = k.")
                    .append(Sql.ident(k));
        }
        BinaryCopyReader r = new BinaryCopyReader(sql.copyOut("COPY (SELECT " + list("t.", names) + " FROM " + table
                + " t JOIN " + KEYS + " k ON " + on + ") TO STDOUT (FORMAT binary)"));
        byte[][] out = null;
        while (r.next()) {
            out = new byte[count][];
            for (int i = 0; i < count; i++) {
                if (!r.isNull(i)) {
                    out[i] = new byte[r.length(i)];
                    System.arraycopy(r.buffer(), r.offset(i), out[i], 0, r.length(i));
                }
            }
        }
        return out;
    }

    /** The text-form lookup: the key's text as literals the server coerces to the key columns' types. */
    private byte[][] currentText(TupleData row, int[] keyColumns, String[] names) throws PgException {
        StringBuilder q = new StringBuilder("SELECT ").append(list("t.", names)).append(" FROM ").append(table)
                .append(" t WHERE ");
        for (int k = 0; k < keyColumns.length; k++) {
            q.append(k == 0 ? "" : " AND ").append("t.").append(Sql.ident(keyNames[k])).append(" = ");
            Sql.appendLiteral(q, Utf8.decode(row.buffer(), row.offset(keyColumns[k]), row.length(keyColumns[k])),
                    standardStrings);
        }
        QueryResult r = sql.query(q.toString());
        if (r.rowCount() == 0) {
            return null;
        }
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            String v = r.value(0, i);
            out[i] = v == null ? null : Utf8.encode(v);
        }
        return out;
    }

    private static String list(String prefix, String[] names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append(prefix).append(Sql.ident(n));
        }
        return b.toString();
    }
}
