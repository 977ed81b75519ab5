package io.rapidbyte.it.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One pipeline of a chaos run: its own database (source table and target schema), connectors
 * {@code chaos-<kind>-source}/{@code -sink} created over REST from {@code config/}'s payloads,
 * with the connectors' PostgreSQL connections going through the run's proxy. Its probes answer
 * "not yet" instead of failing while a fault makes the REST API or a worker briefly unavailable.
 * Not thread-safe.
 */
public final class Chain {
    /**
     * Commits of the destination every this many rows (instead of 100,000): more commit boundaries
     * for faults to land between, and a finer progress signal for the fault plan.
     */
    static final String COMMIT_INTERVAL = "{\"rows\": 20000}";
    private static final long COMPARE_EVERY_MS = 5_000;

    private final ChainKind kind;
    private final String database;
    private final long rows;
    private final PostgresPipeline pipeline;
    private final ConnectRest rest;
    private final PostgresServer pg;
    private final PipelineWatch watch;
    private SourceChanges changes = SourceChanges.NONE;
    private long nextComparison;

    private Chain(ChainKind kind, String database, long rows, PostgresPipeline pipeline, ConnectRest rest,
                  PostgresServer pg) {
        this.kind = kind;
        this.database = database;
        this.rows = rows;
        this.pipeline = pipeline;
        this.rest = rest;
        this.pg = pg;
        this.watch = new PipelineWatch(rest, pg, List.of(pipeline.source().name(), pipeline.sink().name()));
    }

    /**
     * Creates database {@code chaos_<kind>} with its source table and the payloads (not deployed yet).
     *
     * @param connectorPort the port connectors use to reach {@code pg} (the proxy's)
     */
    static Chain prepare(ChainKind kind, long rows, PostgresServer pg, int connectorPort, ConnectRest rest,
                         Path configDir, Secrets secrets) {
        String database = "chaos_" + kind.name().replace('-', '_');
        pg.createDatabase(database);
        kind.createSource(pg, database, rows);
        PostgresPipeline p = PostgresPipeline.fromConfig(configDir, pg, secrets)
                .named("chaos-" + kind.name())
                .from(database, kind.sourceTable())
                .to(database, kind.targetSchema());
        p.source().set("wasm.config.port", Integer.toString(connectorPort));
        p.sink().set("wasm.config.port", Integer.toString(connectorPort));
        p.sink().set("wasm.config.commit_interval", COMMIT_INTERVAL);
        kind.configure(p);
        return new Chain(kind, database, rows, p, rest, pg);
    }

    /** Creates the connectors over REST, then starts what changes the source meanwhile (its kind's). */
    void deploy(ChaosOptions options) {
        pipeline.deploy(rest);
        changes = kind.startChanges(pg, database, options);
    }

    /** What changes the source while the chain runs ({@link SourceChanges#NONE} for a read-only source). */
    public SourceChanges changes() {
        return changes;
    }

    /**
     * Whether the target equals the source now ({@code EXCEPT ALL} both ways); asked at most every
     * {@value #COMPARE_EVERY_MS} ms (false in between), since it reads both tables whole.
     */
    public boolean targetEqualsSource() {
        long now = System.nanoTime();
        if (now < nextComparison) {
            return false;
        }
        nextComparison = now + COMPARE_EVERY_MS * 1_000_000;
        try {
            return diff().equal();
        } catch (RuntimeException e) {
            return false; // PostgreSQL restarting: ask again later
        }
    }

    public ChainKind kind() {
        return kind;
    }

    public String database() {
        return database;
    }

    /** Rows in the source table. */
    public long rows() {
        return rows;
    }

    public PostgresPipeline pipeline() {
        return pipeline;
    }

    /** Rows the destination committed (its watermark table), 0 while it cannot be read. */
    public long committedRows() {
        try {
            return watch.committedRows(database, kind.targetSchema());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** How far the chain is (0..1), as its kind measures it. */
    double progress() {
        return kind.progress(this);
    }

    /** Whether the source's offsets record its stream as finished (false while REST does not answer). */
    public boolean sourceFinished() {
        try {
            JsonNode body = rest.get("/connectors/" + pipeline.source().name() + "/offsets").body();
            for (JsonNode entry : body.path("offsets")) {
                if (kind.sourceTable().equals(entry.path("partition").path("stream").asText())
                        && "true".equals(entry.path("offset").path("finished").asText())) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    boolean caughtUp() {
        return kind.caughtUp(this);
    }

    /** The trace of a FAILED connector or task of this chain, if any (empty while REST does not answer). */
    Optional<String> failure() {
        for (String name : List.of(pipeline.source().name(), pipeline.sink().name())) {
            try {
                Optional<String> trace = PipelineWatch.failureTrace(rest.status(name));
                if (trace.isPresent()) {
                    return Optional.of(name + ": " + trace.get());
                }
            } catch (RuntimeException e) {
                // REST briefly unavailable (worker restarting, leader moving): ask again later.
            }
        }
        return Optional.empty();
    }

    /** Source and target compared with {@code EXCEPT ALL} both ways. */
    TableDiff.Result diff() {
        return TableDiff.compare(pg, database, kind.sourceTable(), kind.targetTable());
    }

    /** The connectors' status answers, for a report. */
    String statuses() {
        try {
            return watch.statuses();
        } catch (RuntimeException e) {
            return "(status unavailable: " + e.getMessage() + ")";
        }
    }
}
