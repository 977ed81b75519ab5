package io.rapidbyte.it.env;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka and PostgreSQL in Docker containers (Testcontainers), used automatically when a Docker
 * engine answers; the Connect worker still runs in this JVM (Kafka's own
 * {@link ConnectDistributed} with the file's properties), so the plugin is the unpacked archive
 * on {@code plugin.path} here too.
 */
public final class ContainerEnvironment implements ConnectEnvironment {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgresContainer;
    private final PostgresServer postgres;
    private final Map<String, String> workerProps;
    private Connect<DistributedHerder> worker;

    private ContainerEnvironment(KafkaContainer kafka, PostgreSQLContainer pg, Map<String, String> workerProps) {
        this.kafka = kafka;
        this.postgresContainer = pg;
        this.postgres = new PostgresServer(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword());
        this.workerProps = workerProps;
    }

    /** Whether a Docker engine answers (Testcontainers' own detection). */
    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static ContainerEnvironment start(Path pluginPath, WorkerProperties worker) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withCommand("postgres", "-c", "synchronous_commit=on", "-c", "wal_level=logical");
        kafka.start();
        pg.start();
        Map<String, String> props = new TreeMap<>(worker.forEmbedding(pluginPath));
        props.put("bootstrap.servers", kafka.getBootstrapServers());
        props.put("listeners", "http://127.0.0.1:0");
        ContainerEnvironment env = new ContainerEnvironment(kafka, pg, props);
        env.startWorker();
        return env;
    }

    private void startWorker() {
        worker = new ConnectDistributed().startConnect(workerProps);
    }

    @Override
    public String restUrl() {
        return ConnectEnvironment.withoutTrailingSlash(worker.rest().advertisedUrl().toString());
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void restartWorker() {
        worker.stop();
        worker.awaitStop();
        startWorker();
    }

    @Override
    public String describe() {
        return "Testcontainers (" + KAFKA_IMAGE + ", " + POSTGRES_IMAGE + ") + an in-JVM distributed worker";
    }

    @Override
    public void close() {
        try {
            if (worker != null) {
                worker.stop();
                worker.awaitStop();
            }
        } finally {
            postgresContainer.stop();
            kafka.stop();
        }
    }
}
