package io.rapidbyte.it.process;

import io.rapidbyte.postgres.testkit.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One Kafka broker in KRaft combined mode (broker and its own controller) as an OS process
 * ({@code kafka.Kafka server.properties}), with its log directory on disk so that a killed
 * broker restarts on the same data, as a crashed one would. Clients reach it through
 * {@link #clientProxy()}, which is what the broker advertises; the broker's traffic to itself
 * (transaction markers) and the controller listener bypass the proxy. Not thread-safe.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final String HEAP = "512m";
    /** The broker does not need C2; C1 alone spares the shared CPUs. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final JvmProcess process;
    private final TcpProxy proxy;
    private final Path logDir;

    private BrokerProcess(JvmProcess process, TcpProxy proxy, Path logDir) {
        this.process = process;
        this.proxy = proxy;
        this.logDir = logDir;
    }

    /** Formats a new log directory under {@code dir}, starts the broker and waits until it answers. */
    public static BrokerProcess start(Path dir, Duration timeout) {
        int clientPort = Ports.free();
        int internalPort = Ports.free();
        int controllerPort = Ports.free();
        TcpProxy proxy = new TcpProxy("kafka", 0, clientPort);
        Path logDir = dir.resolve("kafka-logs");
        Path config = dir.resolve("server.properties");
        Map<String, String> p = new TreeMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "CLIENT://127.0.0.1:" + clientPort + ",INTERNAL://127.0.0.1:" + internalPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "CLIENT://127.0.0.1:" + proxy.port() + ",INTERNAL://127.0.0.1:" + internalPort);
        p.put("listener.security.protocol.map", "CLIENT:PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "INTERNAL");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("log.dirs", logDir.toString());
        // One broker: every internal topic (offsets, transactions) must fit on it.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", Integer.toString(2 * 1024 * 1024));
        PropertiesFile.write(config, p);

        JvmProcess format = new JvmProcess("kafka-storage-format", "256m", JVM_FLAGS, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
                dir.resolve("kafka-format.log"));
        int exit = format.runToCompletion(timeout);
        if (exit != 0) {
            throw new IllegalStateException("formatting the Kafka log directory failed (exit " + exit + "); see "
                    + format.log());
        }
        JvmProcess broker = new JvmProcess("kafka-broker", HEAP, JVM_FLAGS, "kafka.Kafka", List.of(config.toString()),
                dir.resolve("kafka-broker.log"));
        BrokerProcess b = new BrokerProcess(broker, proxy, logDir);
        b.startAndAwait(timeout);
        return b;
    }

    /** What clients use as {@code bootstrap.servers} (the proxy, which the broker also advertises). */
    public String bootstrapServers() {
        return "127.0.0.1:" + proxy.port();
    }

    /** The relay every client connection goes through. */
    public TcpProxy clientProxy() {
        return proxy;
    }

    public JvmProcess process() {
        return process;
    }

    /** SIGKILL: no controlled shutdown, no log flush; the next start recovers the log directory. */
    public void kill() {
        process.kill();
    }

    /** Starts the broker on its existing log directory and waits until it answers a client. */
    public void startAndAwait(Duration timeout) {
        process.start();
        awaitReady(timeout);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            process.checkAlive();
            try (Admin admin = Admin.create(props)) {
                if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = new IllegalStateException(e.getMessage(), e);
            }
            Ports.pause(500);
        }
        throw new IllegalStateException("the broker did not answer within " + timeout + " (log " + process.log()
                + ", data " + logDir + ")", last);
    }

    @Override
    public void close() {
        try {
            process.stop();
        } finally {
            proxy.close();
        }
    }
}
