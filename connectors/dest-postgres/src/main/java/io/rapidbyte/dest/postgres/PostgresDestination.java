package io.rapidbyte.dest.postgres;

import io.rapidbyte.dest.postgres.config.PostgresDestConfig;
import io.rapidbyte.dest.postgres.run.WriteRun;
import io.rapidbyte.postgres.guest.Database;
import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.PgSessions;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.DestinationConnector;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.sdk.WriteSummary;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * dest-postgres: loads Arrow IPC batches into PostgreSQL. {@code open} checks the config,
 * {@code validate} connects and checks privileges, {@code run-write} is a {@link WriteRun} on a
 * fresh connection. Called on one thread, one export at a time.
 */
public final class PostgresDestination implements DestinationConnector {
    private final Entropy entropy;
    private PostgresDestConfig config;
    private Redactor redactor = Redactor.none();

    public PostgresDestination(Entropy entropy) {
        this.entropy = entropy;
    }

    @Override
    public void open(JsonObject json) {
        PostgresDestConfig parsed = PostgresDestConfig.parse(json);
        redactor = Redactor.of(parsed.connection.password(), parsed.connection.tls().key());
        config = parsed;
    }

    @Override
    public ValidationResult validate() {
        PostgresDestConfig c = requireConfig();
        try (Database db = Database.open(sessions())) {
            String schemaOid = "(SELECT oid FROM pg_namespace WHERE nspname = " + db.literal(c.schema) + ")";
            QueryResult r = db.query("SELECT has_database_privilege(current_database(), 'CREATE'), "
                    + schemaOid + " IS NOT NULL, "
                    // by OID: has_schema_privilege(name, ...) raises an error for a missing schema
                    + "coalesce(has_schema_privilege(" + schemaOid + ", 'CREATE,USAGE'), false), "
                    + "current_setting('server_version')");
            boolean createInDb = "t".equals(r.value(0, 0));
            boolean schemaExists = "t".equals(r.value(0, 1));
            boolean createInSchema = schemaExists && "t".equals(r.value(0, 2));
            if (!schemaExists && !(c.autoCreate && createInDb)) {
                return ValidationResult.failed("schema " + Sql.ident(c.schema) + " does not exist and user " + c.connection.user()
                        + (c.autoCreate ? " may not create it" : " may not create it (auto_create is false)"));
            }
            if (schemaExists && !createInSchema) {
                return ValidationResult.failed("user " + c.connection.user() + " lacks CREATE and USAGE on schema "
                        + Sql.ident(c.schema) + " (needed for tables, the stage of replace mode and the watermark)");
            }
            return ValidationResult.success("connected to PostgreSQL " + r.value(0, 3) + " at "
                    + c.connection.address() + "/" + c.connection.database() + "; schema " + c.schema + (schemaExists ? " is writable" : " will be created"));
        } catch (ConnectorException e) {
            return ValidationResult.failed(e.error().code() + ": " + e.error().message());
        } catch (PgException e) {
            return ValidationResult.failed(redactor.redact(PgErrors.describe(e)));
        }
    }

    @Override
    public WriteSummary write(Context ctx) {
        return new WriteRun(ctx, requireConfig(), sessions(), redactor).run();
    }

    private PgSessions sessions() {
        return new PgSessions(requireConfig().connection, entropy, redactor, Log.host(redactor));
    }

    private PostgresDestConfig requireConfig() {
        if (config == null) {
            throw ConnectorError.config("NOT_OPEN", "open was not called").toException();
        }
        return config;
    }
}
