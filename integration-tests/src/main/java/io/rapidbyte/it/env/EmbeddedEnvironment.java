package io.rapidbyte.it.env;

import io.rapidbyte.postgres.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * Everything in this JVM, no Docker: Kafka's {@link EmbeddedConnectCluster} (a KRaft broker and
 * a distributed worker with its REST API) and PostgreSQL 17 from the zonky embedded binaries.
 */
public final class EmbeddedEnvironment implements ConnectEnvironment {
    private final EmbeddedConnectCluster connect;
    private final TestPostgres pg;
    private final PostgresServer postgres;

    private EmbeddedEnvironment(EmbeddedConnectCluster connect, TestPostgres pg) {
        this.connect = connect;
        this.pg = pg;
        this.postgres = new PostgresServer(pg.host(), pg.port(), "postgres", null);
    }

    public static EmbeddedEnvironment start(Path pluginPath, WorkerProperties worker) {
        // pg_stat_statements: the benchmark reads server-side statement times from it.
        TestPostgres pg = TestPostgres.start(Map.of("shared_preload_libraries", "pg_stat_statements"));
        Properties broker = new Properties();
        // One broker: the transaction log (exactly-once source support) must fit on it.
        broker.put("transaction.state.log.replication.factor", "1");
        broker.put("transaction.state.log.min.isr", "1");
        broker.put("message.max.bytes", Integer.toString(2 * 1024 * 1024));
        Map<String, String> workerProps = worker.forEmbedding(pluginPath);
        EmbeddedConnectCluster connect = new EmbeddedConnectCluster.Builder()
                .name("rapidbyte")
                .numWorkers(1)
                .numBrokers(1)
                .brokerProps(broker)
                .workerProps(workerProps)
                .maskExitProcedures(true)
                .build();
        try {
            connect.start();
        } catch (RuntimeException e) {
            pg.close();
            throw e;
        }
        return new EmbeddedEnvironment(connect, pg);
    }

    @Override
    public String restUrl() {
        return ConnectEnvironment.withoutTrailingSlash(connect.endpointForResource(""));
    }

    @Override
    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void restartWorker() {
        connect.removeWorker();
        connect.addWorker();
    }

    @Override
    public String describe() {
        return "embedded (EmbeddedConnectCluster: 1 KRaft broker + 1 distributed worker; PostgreSQL 17 embedded binaries)";
    }

    @Override
    public void close() {
        try {
            connect.stop();
        } finally {
            pg.close();
        }
    }
}
