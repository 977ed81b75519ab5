package io.rapidbyte.source.postgres.run;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.PgSessions;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.cdc.CdcChecks;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.query.KeySpec;
import io.rapidbyte.source.postgres.query.ReadPlan;
import io.rapidbyte.source.postgres.query.ReadPlanner;
import io.rapidbyte.source.postgres.query.StreamProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate}: connects, then checks every configured schema and stream and reports each problem
 * on its own line, errors first ({@code failed}), then warnings ({@code warning} when there are only
 * warnings). Per stream: the relation exists, every projected/cursor/tie-breaker column exists and is
 * readable, and the read's own SELECT runs ({@code LIMIT 0}: catches missing ordering operators,
 * row-level security and the like). Warnings: columns read as text, nullable cursors, non-unique
 * incremental keys, full refreshes that cannot resume. Single use.
 */
public final class Validation {
    private final PostgresSourceConfig config;
    private final PgSessions sessions;
    private final Log log;
    private final List<String> errors = new ArrayList<String>();
    private final List<String> warnings = new ArrayList<String>();

    public Validation(PostgresSourceConfig config, PgSessions sessions, Log log) {
        this.config = config;
        this.sessions = sessions;
        this.log = log;
    }

    public ValidationResult run() {
        PgConnection connection;
        try {
            connection = sessions.open();
        } catch (ConnectorException e) {
            ConnectorError x = e.error();
            return ValidationResult.failed("cannot connect (" + x.category().wireName() + ", " + x.code() + "): "
                    + x.message());
        }
        try {
            CatalogReader catalog = new CatalogReader(connection);
            schemas(connection, catalog.standardConformingStrings());
            for (StreamConfig stream : config.streams()) {
                stream(connection, catalog, stream);
            }
        } catch (PgException e) {
            errors.add("validation stopped (" + e.sqlState() + "): " + e.getMessage());
        } finally {
            connection.close();
        }
        if (config.streams().isEmpty()) {
            warnings.add("no streams configured: run-read reads any schema.table as a full refresh of all columns");
        }
        StringBuilder message = new StringBuilder();
        for (String e : errors) {
            message.append(message.length() == 0 ? "" : "\n").append("error: ").append(e);
        }
        for (String w : warnings) {
            message.append(message.length() == 0 ? "" : "\n").append("warning: ").append(w);
        }
        if (!errors.isEmpty()) {
            return ValidationResult.failed(message.toString());
        }
        if (!warnings.isEmpty()) {
            return ValidationResult.warning(message.toString());
        }
        return ValidationResult.success("connected to " + config.connection().address() + "/" + config.connection().database() + "; "
                + config.streams().size() + " stream(s) readable");
    }

    private void schemas(PgConnection connection, boolean standardStrings) throws PgException {
        QueryResult r = connection.query("SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY("
                + Sql.textArray(config.schemas(), standardStrings) + ")");
        for (String schema : config.schemas()) {
            boolean found = false;
            for (String[] row : r.rows()) {
                found |= schema.equals(row[0]);
            }
            if (!found) {
                errors.add("schema \"" + schema + "\" (in \"schemas\") does not exist");
            }
        }
    }

    private void stream(PgConnection connection, CatalogReader catalog, StreamConfig configured) throws PgException {
        String name = configured.name();
        boolean cdc = configured.syncMode() == SyncMode.CDC;
        // A cdc stream's snapshot reads like a full refresh.
        StreamConfig stream = cdc ? StreamConfig.fullRefresh(name) : configured;
        SourceTable table = catalog.table(stream.schema(), stream.table());
        if (table == null) {
            errors.add("stream " + name + ": relation \"" + stream.schema() + "\".\"" + stream.table()
                    + "\" does not exist or is not visible to user " + config.connection().user() + " (42P01)");
            return;
        }
        List<StreamProblem> problems = ReadPlanner.problems(stream, table);
        for (StreamProblem p : problems) {
            errors.add("stream " + name + ": " + p.message() + " (" + p.code() + ")");
        }
        if (cdc) {
            for (StreamProblem p : CdcChecks.problems(connection, table, config.cdc(), config.connection().user(),
                    catalog.standardConformingStrings())) {
                errors.add("stream " + name + ": " + p.message() + " (" + p.code() + ")");
            }
        }
        if (!problems.isEmpty()) {
            return;
        }
        ReadPlan plan = ReadPlanner.plan(stream, table, null, catalog.standardConformingStrings());
        try {
            connection.simpleQuery(plan.selectSql() + " LIMIT 0");
        } catch (PgException e) {
            if (e.connectionBroken()) {
                throw e;
            }
            errors.add("stream " + name + ": reading fails (" + e.sqlState() + "): " + e.getMessage());
            return;
        }
        for (ColumnMapping m : plan.columns()) {
            if (m.fallbackReason() != null) {
                warnings.add("stream " + name + ", column \"" + m.column().name() + "\": " + m.fallbackReason());
            }
        }
        if (stream.syncMode() == SyncMode.INCREMENTAL) {
            ColumnInfo cursor = table.column(stream.cursorField());
            if (!cursor.notNull()) {
                warnings.add("stream " + name + ": cursor_field \"" + cursor.name() + "\" can be NULL; rows with a "
                        + "NULL cursor are never read");
            }
            if (plan.key().uniqueness() == KeySpec.Uniqueness.GROUPED) {
                warnings.add("stream " + name + ": cursor " + plan.key().columns() + " is not unique; batches end "
                        + "only between distinct values (a unique tie_breaker such as the primary key avoids that)");
            }
        } else if (plan.key().uniqueness() == KeySpec.Uniqueness.NONE) {
            warnings.add("stream " + name + ": " + table.kindName() + " without primary key; a restarted full "
                    + "refresh starts over");
        }
        log.debug("validated stream " + name);
    }
}
