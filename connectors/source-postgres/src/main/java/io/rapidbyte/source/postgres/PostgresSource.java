package io.rapidbyte.source.postgres;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.postgres.guest.PgErrors;
import io.rapidbyte.postgres.guest.PgSessions;
import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.guest.net.Entropy;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.SourceConnector;
import io.rapidbyte.sdk.ValidationResult;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.catalog.CatalogJson;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.ranges.RangeCatalog;
import java.util.List;
import io.rapidbyte.source.postgres.cdc.CdcRun;
import io.rapidbyte.source.postgres.config.ConfigParser;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.run.ReadRun;
import io.rapidbyte.source.postgres.run.Validation;

/**
 * The {@code source-postgres} connector: {@code open} parses the config, {@code discover} lists the
 * configured schemas' relations, {@code validate} checks every configured stream, {@code run-read}
 * reads one stream. Each export opens its own session and closes it before returning (the host may
 * run exports far apart). Single-threaded, like every guest.
 */
public final class PostgresSource implements SourceConnector {
    private final Entropy entropy;
    private PostgresSourceConfig config;
    private Redactor redactor = Redactor.none();
    private Log log = Log.host(Redactor.none());

    public PostgresSource(Entropy entropy) {
        this.entropy = entropy;
    }

    @Override
    public void open(JsonObject configJson) {
        PostgresSourceConfig parsed = ConfigParser.parse(configJson);
        redactor = Redactor.of(parsed.connection().password(), parsed.connection().tls().key());
        log = Log.host(redactor);
        config = parsed;
    }

    @Override
    public JsonObject discover() {
        PgConnection connection = sessions().open();
        try {
            CatalogReader reader = new CatalogReader(connection);
            List<SourceTable> tables = reader.tables(config().schemas());
            return CatalogJson.catalog(tables, RangeCatalog.plan(config(), reader, tables));
        } catch (PgException e) {
            throw PgErrors.of("discovering schemas " + config.schemas(), e, redactor);
        } finally {
            connection.close();
        }
    }

    @Override
    public ValidationResult validate() {
        return new Validation(config(), sessions(), log).run();
    }

    @Override
    public ReadSummary read(Context ctx) {
        // One range of a cdc stream is part of its snapshot: ReadRun reads it like a full-refresh range.
        if (StreamConfig.isValidName(ctx.stream()) && config().stream(ctx.stream()).syncMode() == SyncMode.CDC
                && ctx.range() == null) {
            return readChanges(ctx);
        }
        try {
            return new ReadRun(config(), sessions(), entropy, redactor, log).read(ctx);
        } catch (ConnectorException e) {
            throw PgErrors.redacted(e, redactor);
        }
    }

    /** A cdc stream: one run-read for the life of the task ({@link CdcRun}). */
    private ReadSummary readChanges(Context ctx) {
        try {
            return new CdcRun(config(), sessions(), entropy, redactor, log).read(ctx);
        } catch (ConnectorException e) {
            throw PgErrors.redacted(e, redactor);
        }
    }

    private PgSessions sessions() {
        return new PgSessions(config().connection(), entropy, redactor, log);
    }

    private PostgresSourceConfig config() {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "source-postgres: open() must succeed first").toException();
        }
        return config;
    }
}
