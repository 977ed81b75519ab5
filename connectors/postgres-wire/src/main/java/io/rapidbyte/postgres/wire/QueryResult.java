package io.rapidbyte.postgres.wire;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of one statement of a simple query: its columns and rows (text
 * format; SQL NULL is {@code null}) when it returned rows, and its command tag.
 * All rows are held in memory, so this is for catalog lookups and control
 * statements; bulk data goes through COPY.
 *
 * <p>Immutable; thread-safe.
 */
public final class QueryResult {

    private final List<PgColumn> columns;
    private final List<String[]> rows;
    private final String commandTag;
    private final boolean emptyQuery;

    QueryResult(List<PgColumn> columns, List<String[]> rows, String commandTag, boolean emptyQuery) {
        this.columns = Collections.unmodifiableList(columns);
        this.rows = Collections.unmodifiableList(rows);
        this.commandTag = commandTag;
        this.emptyQuery = emptyQuery;
    }

    /** Columns from RowDescription; empty for statements that return no rows. */
    public List<PgColumn> columns() {
        return columns;
    }

    /** Whether the statement produced a RowDescription (a SELECT with zero rows still does). */
    public boolean hasRowDescription() {
        return !columns.isEmpty();
    }

    /** Rows as text values. The arrays are shared: do not modify them. */
    public List<String[]> rows() {
        return rows;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Value at (row, column), text, null for SQL NULL. */
    public String value(int row, int column) {
        return rows.get(row)[column];
    }

    /** Index of the column named {@code name}, or -1. */
    public int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** CommandComplete tag, e.g. {@code "SELECT 3"}, {@code "INSERT 0 1"}; null for an empty query. */
    public String commandTag() {
        return commandTag;
    }

    /** True for EmptyQueryResponse (the statement was empty). */
    public boolean isEmptyQuery() {
        return emptyQuery;
    }

    /** Rows affected or returned according to the command tag, or -1 if the tag has no count. */
    public long affectedRows() {
        return CommandTags.rowCount(commandTag);
    }
}
