package io.rapidbyte.it.env;

/**
 * A running Kafka broker, one distributed Connect worker with its REST API, and a PostgreSQL
 * server: what every end-to-end scenario, the demo and the benchmark run against. The worker
 * finds the Rapidbyte plugin only on its {@code plugin.path} (the unpacked archive).
 *
 * <p>Implementations are thread-safe for the accessors; {@link #restartWorker()} and
 * {@link #close()} are called from one thread.
 */
public interface ConnectEnvironment extends AutoCloseable {
    /** Base URL of the worker's REST API, e.g. {@code http://127.0.0.1:41233} (changes when the worker restarts). */
    String restUrl();

    /** {@code url} without a trailing slash (Connect's own URLs end with one; paths are appended to ours). */
    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String bootstrapServers();

    PostgresServer postgres();

    /** Stops the worker gracefully and starts a new one with the same configuration (same group, same topics). */
    void restartWorker();

    /** What this environment runs on, for logs. */
    String describe();

    @Override
    void close();
}
