package io.rapidbyte.it.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.rest.ConnectRest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Waits for a pipeline to deliver: polls the target table's row count and the connectors' status
 * over REST, failing fast (with the worker's trace) when a connector or task is FAILED. Not
 * thread-safe; one per wait.
 */
public final class PipelineWatch {
    private static final long POLL_MS = 500;

    private final ConnectRest rest;
    private final PostgresServer pg;
    private final List<String> connectors;

    public PipelineWatch(ConnectRest rest, PostgresServer pg, List<String> connectors) {
        this.rest = rest;
        this.pg = pg;
        this.connectors = List.copyOf(connectors);
    }

    /**
     * Blocks until {@code table} in {@code database} holds at least {@code rows} rows.
     *
     * @param progress called with the current count about every {@code progressEvery} (may be null)
     * @return the count reached
     * @throws IllegalStateException on timeout or when a connector or task failed
     */
    public long awaitRows(String database, String table, long rows, Duration timeout, Duration progressEvery,
                          LongConsumer progress) throws InterruptedException {
        return awaitCount(table, () -> countRows(database, table), rows, timeout, progressEvery, progress);
    }

    /**
     * Blocks until {@code counter} reaches {@code rows} (e.g. rows committed according to the
     * destination's watermark table, cheaper than {@code count(*)} on a big table).
     */
    public long awaitCount(String what, LongSupplier counter, long rows, Duration timeout, Duration progressEvery,
                           LongConsumer progress) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime();
        long count = 0;
        while (true) {
            count = counter.getAsLong();
            if (progress != null && (System.nanoTime() >= nextReport || count >= rows)) {
                progress.accept(count);
                nextReport = System.nanoTime() + progressEvery.toNanos();
            }
            if (count >= rows) {
                return count;
            }
            failIfFailed();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " has " + count + " of " + rows + " rows after " + timeout
                        + "; status: " + statuses());
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Blocks until {@code condition} holds, checking every 200 ms.
     *
     * @throws IllegalStateException when a connector or task failed
     * @throws AssertionError naming {@code what} and the connectors' status on timeout
     */
    public void await(java.util.function.BooleanSupplier condition, String what, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            failIfFailed();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; " + statuses());
            }
            Thread.sleep(200);
        }
    }

    /**
     * Blocks until {@code target} holds exactly the rows of {@code source} (both in {@code database};
     * {@link TableDiff}), e.g. after updates that do not change the row count.
     *
     * @throws IllegalStateException when a connector or task failed
     * @throws AssertionError with the last difference on timeout
     */
    public void awaitEqual(String database, String source, String target, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        TableDiff.Result diff;
        do {
            failIfFailed();
            diff = TableDiff.compare(pg, database, source, target);
            if (diff.equal()) {
                return;
            }
            Thread.sleep(POLL_MS);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(target + " never caught up with " + source + ": " + diff);
    }

    /** The row count, 0 while the table does not exist yet. */
    public long countRows(String database, String table) {
        return exists(database, table) ? pg.queryLong(database, "SELECT count(*) FROM " + table) : 0;
    }

    private boolean exists(String database, String table) {
        return pg.queryLong(database, "SELECT count(*) FROM pg_class WHERE oid = to_regclass('" + table + "')") > 0;
    }

    /** Rows dest-postgres committed into {@code schema} (its watermark table's running totals; 0 before the first commit). */
    public long committedRows(String database, String schema) {
        String table = schema + "._rapidbyte_watermarks";
        return exists(database, table) ? pg.queryLong(database, "SELECT coalesce(sum(rows_total), 0) FROM " + table) : 0;
    }

    /**
     * How many data partitions (a stream read whole, or one range) of source connector {@code source}
     * carry the finished flag in its committed offsets ({@code GET /connectors/{name}/offsets}; range
     * plan partitions do not count). With exactly-once the flag commits with the partition's last records.
     */
    public long finishedPartitions(String source) {
        long finished = 0;
        for (JsonNode e : rest.get("/connectors/" + source + "/offsets").orThrow("offsets of " + source).body()
                .path("offsets")) {
            if (!e.path("partition").has("plan") && "true".equals(e.path("offset").path("finished").asText())) {
                finished++;
            }
        }
        return finished;
    }

    /**
     * Blocks until connector {@code name} and every one of its tasks (at least one) report
     * {@code state} ({@code RUNNING}, {@code PAUSED}, ...); a 404 (the herder has not recorded a
     * just-created connector yet) is waited out.
     *
     * @throws IllegalStateException on timeout, naming the statuses
     */
    public void awaitState(String name, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inState(name, state)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + name + " and its tasks to be " + state
                        + ": " + statuses());
            }
            Thread.sleep(100);
        }
    }

    private boolean inState(String name, String state) {
        ConnectRest.Reply reply = rest.get("/connectors/" + name + "/status");
        if (!reply.ok()) {
            return false;
        }
        JsonNode s = reply.body();
        if (!state.equals(s.path("connector").path("state").asText()) || s.path("tasks").isEmpty()) {
            return false;
        }
        for (JsonNode task : s.path("tasks")) {
            if (!state.equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    /** @throws IllegalStateException naming the failed connector or task and its trace */
    public void failIfFailed() {
        for (String name : connectors) {
            failureTrace(rest.get("/connectors/" + name + "/status").body()).ifPresent(trace -> {
                throw new IllegalStateException(name + " FAILED: " + trace);
            });
        }
    }

    /**
     * Blocks until a watched connector or one of its tasks is FAILED; returns its trace.
     *
     * @throws IllegalStateException when nothing failed within {@code timeout}
     */
    public String awaitFailure(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String name : connectors) {
                ConnectRest.Reply reply = rest.get("/connectors/" + name + "/status");
                Optional<String> trace = reply.ok() ? failureTrace(reply.body()) : Optional.empty();
                if (trace.isPresent()) {
                    return name + " " + trace.get();
                }
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException("nothing failed within " + timeout + "; status: " + statuses());
    }

    /**
     * The trace of a FAILED connector or task in a {@code GET /connectors/{name}/status} answer
     * (the connector's first), or empty when nothing failed.
     */
    public static Optional<String> failureTrace(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return Optional.of("connector: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return Optional.of("task " + task.path("id").asInt() + ": " + task.path("trace").asText());
            }
        }
        return Optional.empty();
    }

    /** Every watched connector's status JSON, for messages. */
    public String statuses() {
        StringBuilder out = new StringBuilder();
        for (String name : connectors) {
            out.append(rest.get("/connectors/" + name + "/status").body()).append(' ');
        }
        return out.toString().trim();
    }
}
