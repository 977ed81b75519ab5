package io.rapidbyte.it.pipeline;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.rest.ConnectRest;
import io.rapidbyte.it.rest.ConnectorPayload;
import java.nio.file.Path;

/**
 * source-postgres → topic → dest-postgres, deployed through the REST API from the payloads in
 * {@code config/}: each payload is loaded as an operator would post it and only the
 * environment-specific values are replaced (server, databases, passwords file, and — so several
 * pipelines can share one cluster — connector names, topic and tables). Callers may change the
 * payloads further before {@link #deploy}. Not thread-safe.
 */
public final class PostgresPipeline {
    public static final String SOURCE_ROLE = "rapidbyte_reader";
    public static final String DEST_ROLE = "rapidbyte_writer";

    private final ConnectorPayload source;
    private final ConnectorPayload sink;

    private PostgresPipeline(ConnectorPayload source, ConnectorPayload sink) {
        this.source = source;
        this.sink = sink;
    }

    /**
     * The payloads of {@code configDir} pointed at {@code pg} with the login roles and passwords of
     * {@code secrets} (created here); names, topic and databases stay the files' until changed.
     */
    public static PostgresPipeline fromConfig(Path configDir, PostgresServer pg, Secrets secrets) {
        pg.createLoginRole(SOURCE_ROLE, secrets.sourcePassword());
        pg.createLoginRole(DEST_ROLE, secrets.destPassword());
        ConnectorPayload source = ConnectorPayload.load(configDir, ConnectorPayload.SOURCE_FILE);
        ConnectorPayload sink = ConnectorPayload.load(configDir, ConnectorPayload.SINK_FILE);
        for (ConnectorPayload p : new ConnectorPayload[] {source, sink}) {
            p.set("wasm.config.host", pg.host());
            p.set("wasm.config.port", Integer.toString(pg.port()));
            p.set("wasm.config.password", secrets.resolvePath(p.get("wasm.config.password")));
        }
        source.set("wasm.config.user", SOURCE_ROLE);
        sink.set("wasm.config.user", DEST_ROLE);
        return new PostgresPipeline(source, sink);
    }

    /** Connector names {@code <prefix>-source} / {@code <prefix>-sink} and topic {@code <prefix>.batches}. */
    public PostgresPipeline named(String prefix) {
        source.name(prefix + "-source");
        sink.name(prefix + "-sink");
        topic(prefix + ".batches");
        return this;
    }

    /**
     * The README's dead-letter opt-in on the sink (the shipped payload has
     * {@code errors.tolerance=none}: every data error fails the task): Connect's
     * {@code errors.tolerance=all} with dead-letter topic {@code <topic>.dlq} and its
     * {@code __connect.errors.*} context headers. Call after {@link #named}/{@link #topic}.
     */
    public PostgresPipeline withDeadLetters() {
        sink.set("errors.tolerance", "all");
        sink.set("errors.deadletterqueue.topic.name", deadLetterTopic());
        sink.set("errors.deadletterqueue.topic.replication.factor", "-1");
        sink.set("errors.deadletterqueue.context.headers.enable", "true");
        return this;
    }

    /** The dead-letter topic {@link #withDeadLetters} sets: the pipeline's topic with {@code .dlq} appended. */
    public String deadLetterTopic() {
        return topic() + ".dlq";
    }

    public PostgresPipeline topic(String topic) {
        source.set("topic", topic);
        sink.set("topics", topic);
        return this;
    }

    /** Reads {@code streams} (comma-separated {@code schema.table}) of database {@code database}, all as full refreshes. */
    public PostgresPipeline from(String database, String streams) {
        source.set("wasm.config.database", database);
        source.set("streams", streams);
        StringBuilder json = new StringBuilder("[");
        for (String s : streams.split(",")) {
            json.append(json.length() > 1 ? ", " : "").append("{\"name\": \"").append(s.trim()).append("\"}");
        }
        source.set("wasm.config.streams", json.append(']').toString());
        return this;
    }

    /** Writes into {@code schema} of database {@code database}. */
    public PostgresPipeline to(String database, String schema) {
        sink.set("wasm.config.database", database);
        sink.set("wasm.config.schema", schema);
        return this;
    }

    public ConnectorPayload source() {
        return source;
    }

    public ConnectorPayload sink() {
        return sink;
    }

    public String topic() {
        return source.get("topic");
    }

    /**
     * Creates the source, then the sink ({@code POST /connectors}; the source creates the topic);
     * fails with the worker's message.
     */
    public void deploy(ConnectRest rest) {
        rest.createConnector(source.json()).orThrow("creating " + source.name());
        rest.createConnector(sink.json()).orThrow("creating " + sink.name());
    }

    /** Deletes both connectors (missing ones are fine). */
    public void undeploy(ConnectRest rest) {
        rest.deleteConnector(source.name());
        rest.deleteConnector(sink.name());
    }
}
