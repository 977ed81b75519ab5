package io.rapidbyte.source.postgres.query;

import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.config.SyncMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything one stream read needs: the output columns, the key, where to start and the COPY
 * statement that produces, per row, the output columns, then the key columns as text (the resume
 * position), then for a {@link KeySpec.Uniqueness#GROUPED} key a boolean that is true where a new
 * key value starts. Immutable.
 *
 * <pre>
 * COPY (SELECT src."id", src."amount", src."mood"::text AS "mood",      -- output (text fallbacks cast)
 *              src."updated_at"::text AS "__rb_k0", src."id"::text AS "__rb_k1"  -- key as text
 *       FROM "public"."orders" AS src
 *       WHERE (src."updated_at", src."id") &gt; ('2024-05-01 10:00:00+00'::timestamp with time zone, '42'::bigint)
 *       ORDER BY src."updated_at", src."id") TO STDOUT (FORMAT binary)
 * </pre>
 */
public final class ReadPlan {
    /** Alias of the table in the generated SELECT. */
    static final String ALIAS = "src";
    private final String stream;
    private final String schema;
    private final String table;
    private final SyncMode mode;
    private final List<ColumnMapping> columns;
    private final KeySpec key;
    private final String cursorColumn;
    private final List<String> startAfter;
    private final boolean standardStrings;
    /** Ctid page range {@code [fromPage, toPage)} the read is limited to; -1: no bound. */
    private long fromPage = -1;
    private long toPage = -1;

    /**
     * @param cursorColumn incremental streams: rows with a NULL cursor are never read
     * @param startAfter   key position to continue after (text, one per key column), or null to start
     */
    public ReadPlan(String stream, String schema, String table, SyncMode mode, List<ColumnMapping> columns,
            KeySpec key, String cursorColumn, List<String> startAfter, boolean standardStrings) {
        if (startAfter != null && startAfter.size() != key.size()) {
            throw new IllegalArgumentException("position has " + startAfter.size() + " values for key " + key.columns());
        }
        this.stream = stream;
        this.schema = schema;
        this.table = table;
        this.mode = mode;
        this.columns = Collections.unmodifiableList(new ArrayList<ColumnMapping>(columns));
        this.key = key;
        this.cursorColumn = cursorColumn;
        this.startAfter = startAfter == null ? null : Collections.unmodifiableList(new ArrayList<String>(startAfter));
        this.standardStrings = standardStrings;
    }

    /**
     * This plan limited to the heap pages {@code [fromPage, toPage)} ({@code toPage} -1: no upper
     * bound), read as a TID range scan ({@code ctid >= '(from,0)' AND ctid < '(to,0)'}, PostgreSQL
     * 14+; older servers filter a sequential scan). Needs the {@link KeySpec#ctid() ctid} key.
     */
    public ReadPlan pages(long fromPage, long toPage) {
        if (!key.isCtid() || fromPage < 0) {
            throw new IllegalArgumentException("a page range needs the ctid key and a start page: " + key.columns());
        }
        ReadPlan p = new ReadPlan(stream, schema, table, mode, columns, key, cursorColumn, startAfter, standardStrings);
        p.fromPage = fromPage;
        p.toPage = toPage;
        return p;
    }

    public String stream() {
        return stream;
    }

    public SyncMode mode() {
        return mode;
    }

    public List<ColumnMapping> columns() {
        return columns;
    }

    public KeySpec key() {
        return key;
    }

    /** The saved position this read continues after, or null. */
    public List<String> startAfter() {
        return startAfter;
    }

    /** Fields per COPY row: output columns, key text columns, and the new-group flag when grouped. */
    public int fieldCount() {
        return columns.size() + key.size() + (isGrouped() ? 1 : 0);
    }

    public boolean isGrouped() {
        return key.uniqueness() == KeySpec.Uniqueness.GROUPED;
    }

    /** The {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} statement. */
    public String copySql() {
        return "COPY (" + selectSql() + ") TO STDOUT (FORMAT binary)";
    }

    /** The SELECT inside {@link #copySql()}. */
    public String selectSql() {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            ColumnMapping m = columns.get(i);
            String column = Sql.ident(m.column().name());
            sql.append(i == 0 ? "" : ", ").append(ALIAS).append('.').append(column);
            if (m.cast() == ColumnMapping.Cast.TEXT) {
                sql.append("::text AS ").append(column);
            } else if (m.cast() == ColumnMapping.Cast.TEXT_ARRAY) {
                sql.append("::text[] AS ").append(column);
            }
        }
        for (int i = 0; i < key.size(); i++) {
            sql.append(", ").append(key.expression(ALIAS, i)).append("::text AS \"__rb_k").append(i).append('"');
        }
        if (isGrouped()) {
            sql.append(", (");
            for (int i = 0; i < key.size(); i++) {
                String k = key.expression(ALIAS, i);
                sql.append(i == 0 ? "" : " OR ").append("lag(").append(k).append(") OVER w IS DISTINCT FROM ").append(k);
            }
            sql.append(") AS \"__rb_new_group\"");
        }
        sql.append(" FROM ").append(Sql.qualified(schema, table)).append(" AS ").append(ALIAS);
        String where = where();
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        if (isGrouped()) {
            sql.append(" WINDOW w AS (ORDER BY ").append(orderBy()).append(")");
        }
        if (key.size() > 0) {
            sql.append(" ORDER BY ").append(orderBy());
        }
        return sql.toString();
    }

    private String where() {
        StringBuilder w = new StringBuilder();
        if (startAfter != null) {
            w.append('(');
            for (int i = 0; i < key.size(); i++) {
                w.append(i == 0 ? "" : ", ").append(key.expression(ALIAS, i));
            }
            w.append(") > (");
            for (int i = 0; i < key.size(); i++) {
                w.append(i == 0 ? "" : ", ").append(Sql.literal(startAfter.get(i), standardStrings)).append("::")
                        .append(key.pgTypes().get(i));
            }
            w.append(')');
        } else if (cursorColumn != null) {
            // A saved position implies a non-NULL cursor; a first pass must skip NULL cursors explicitly.
            w.append(ALIAS).append('.').append(Sql.ident(cursorColumn)).append(" IS NOT NULL");
        }
        if (fromPage >= 0) {
            w.append(w.length() == 0 ? "" : " AND ").append(ALIAS).append(".ctid >= '(").append(fromPage)
                    .append(",0)'::tid");
        }
        if (toPage >= 0) {
            w.append(" AND ").append(ALIAS).append(".ctid < '(").append(toPage).append(",0)'::tid");
        }
        return w.toString();
    }

    private String orderBy() {
        StringBuilder o = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            o.append(i == 0 ? "" : ", ").append(key.expression(ALIAS, i));
        }
        return o.toString();
    }
}
