package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.BinaryCopyReader;
import io.rapidbyte.postgres.wire.BinaryCopyWriter;
import io.rapidbyte.postgres.wire.CopyIn;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.pgoutput.TupleData;

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
 * with unchanged TOASTed values are rare; each costs these few statements. Not thread-safe.
 */
final class UnchangedLookup {
    private static final String KEYS = "pg_temp.rapidbyte_cdc_key";

    private final PgConnection sql;
    private final String table;
    private final String[] keyNames;
    private boolean created;

    /** @param keyNames the primary key's column names, in key order */
    UnchangedLookup(PgConnection sql, String schema, String name, String[] keyNames) {
        this.sql = sql;
        this.table = Sql.qualified(schema, name);
        this.keyNames = keyNames;
    }

    /**
     * @param keyColumns relation indexes of the key columns (in {@code keyNames}' order)
     * @param columns    relation indexes of the values wanted, {@code names} their column names
     * @return the values (null elements: SQL NULL), or null when no row has the key now
     */
    byte[][] current(TupleData row, int[] keyColumns, int[] columns, String[] names) throws PgException {
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

    private static String list(String prefix, String[] names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append(prefix).append(Sql.ident(n));
        }
        return b.toString();
    }
}
