package io.rapidbyte.source.postgres.query;

import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.catalog.TypeMapper;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a stream's config against its table and builds the {@link ReadPlan}. Problems are config
 * errors with SQLSTATE-style codes: {@code 42703} for a column that does not exist, {@code 42501}
 * (category permission) for a column the user may not read, {@code TIE_BREAKER_NULLABLE} for a
 * tie-breaker that can be NULL (rows with a NULL there could be skipped on resume). Stateless.
 */
public final class ReadPlanner {
    private ReadPlanner() {
    }

    /** The problems with {@code stream} on {@code table}; empty when it can be read. */
    public static List<StreamProblem> problems(StreamConfig stream, SourceTable table) {
        List<StreamProblem> problems = new ArrayList<StreamProblem>();
        List<String> wanted = stream.columns() != null ? stream.columns() : names(table);
        for (String name : wanted) {
            ColumnInfo c = table.column(name);
            if (c == null) {
                problems.add(new StreamProblem(StreamProblem.UNDEFINED_COLUMN, "column \"" + name
                        + "\" does not exist in " + table.streamName() + available(table)));
            } else if (!c.selectable()) {
                problems.add(new StreamProblem(StreamProblem.NO_PRIVILEGE, "no SELECT privilege on column \""
                        + name + "\" of " + table.streamName()));
            }
        }
        for (String name : stream.textColumns()) {
            if (table.column(name) == null) {
                problems.add(new StreamProblem(StreamProblem.UNDEFINED_COLUMN, "text_columns: column \"" + name
                        + "\" does not exist in " + table.streamName() + available(table)));
            }
        }
        if (stream.syncMode() == SyncMode.INCREMENTAL) {
            checkKeyColumn(table, stream.cursorField(), "cursor_field", false, problems);
            for (String tb : stream.tieBreaker()) {
                checkKeyColumn(table, tb, "tie_breaker", true, problems);
            }
        }
        return problems;
    }

    /**
     * The plan for reading {@code stream} from {@code table}, continuing after {@code startAfter}
     * (null to start at the beginning).
     *
     * @throws io.rapidbyte.sdk.ConnectorException config (or permission) error for the first problem
     */
    public static ReadPlan plan(StreamConfig stream, SourceTable table, List<String> startAfter,
            boolean standardStrings) {
        return plan(stream, table, key(stream, table), startAfter, standardStrings);
    }

    /** The same, ordered and resumed by {@code key} (a ctid range reads by {@link KeySpec#ctid()}). */
    public static ReadPlan plan(StreamConfig stream, SourceTable table, KeySpec key, List<String> startAfter,
            boolean standardStrings) {
        List<StreamProblem> problems = problems(stream, table);
        if (!problems.isEmpty()) {
            throw problems.get(0).toError(stream.name(), join(problems)).toException();
        }
        List<ColumnMapping> columns = new ArrayList<ColumnMapping>();
        for (String name : stream.columns() != null ? stream.columns() : names(table)) {
            columns.add(TypeMapper.map(table.column(name), stream.textColumns().contains(name)));
        }
        return new ReadPlan(stream.name(), table.schema(), table.name(), stream.syncMode(), columns, key,
                stream.syncMode() == SyncMode.INCREMENTAL ? stream.cursorField() : null, startAfter, standardStrings);
    }

    /** The key that orders {@code stream}: see {@link KeySpec}. */
    public static KeySpec key(StreamConfig stream, SourceTable table) {
        List<String> names = new ArrayList<String>();
        if (stream.syncMode() == SyncMode.INCREMENTAL) {
            names.add(stream.cursorField());
            names.addAll(stream.tieBreaker());
        } else if (!table.primaryKey().isEmpty()) {
            names.addAll(table.primaryKey());
        } else if (table.hasStableCtid()) {
            return KeySpec.ctid();
        } else {
            return KeySpec.none();
        }
        List<String> types = new ArrayList<String>();
        for (String n : names) {
            types.add(table.column(n).pgType());
        }
        boolean unique = stream.syncMode() == SyncMode.FULL_REFRESH || table.isUnique(names);
        return new KeySpec(names, types, unique ? KeySpec.Uniqueness.UNIQUE : KeySpec.Uniqueness.GROUPED);
    }

    private static void checkKeyColumn(SourceTable table, String name, String role, boolean mustBeNotNull,
            List<StreamProblem> problems) {
        ColumnInfo c = table.column(name);
        if (c == null) {
            problems.add(new StreamProblem(StreamProblem.UNDEFINED_COLUMN, "column \"" + name + "\" (" + role
                    + ") does not exist in " + table.streamName() + available(table)));
        } else if (!c.selectable()) {
            problems.add(new StreamProblem(StreamProblem.NO_PRIVILEGE, "no SELECT privilege on column \"" + name
                    + "\" (" + role + ") of " + table.streamName()));
        } else if (mustBeNotNull && !c.notNull() && !table.primaryKey().contains(name)) {
            problems.add(new StreamProblem(StreamProblem.TIE_BREAKER_NULLABLE, role + " column \"" + name
                    + "\" can be NULL (rows with NULL there could be skipped on resume); declare it NOT NULL "
                    + "or use the primary key"));
        }
    }

    private static List<String> names(SourceTable table) {
        List<String> names = new ArrayList<String>();
        for (ColumnInfo c : table.columns()) {
            names.add(c.name());
        }
        return names;
    }

    private static String available(SourceTable table) {
        StringBuilder sb = new StringBuilder(" (columns: ");
        List<ColumnInfo> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(cols.get(i).name());
        }
        return sb.append(')').toString();
    }

    /** The problems' messages, separated by {@code "; "}. */
    public static String join(List<StreamProblem> problems) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < problems.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(problems.get(i).message());
        }
        return sb.toString();
    }
}
