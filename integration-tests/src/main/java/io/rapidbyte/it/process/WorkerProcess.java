package io.rapidbyte.it.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One distributed Kafka Connect worker as an OS process ({@code ConnectDistributed
 * worker.properties}). Its properties are {@code config/connect-distributed.properties} with
 * the broker, the REST listener, {@code plugin.path} and the given overrides replaced. The REST
 * port is fixed for the worker's life, so a restarted worker has the same URL (its identity in
 * the Connect group). Not thread-safe.
 */
public final class WorkerProcess implements AutoCloseable {
    private static final String HEAP = "1g";

    private final JvmProcess process;
    private final int restPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WorkerProcess(JvmProcess process, int restPort) {
        this.process = process;
        this.restPort = restPort;
    }

    /**
     * Writes {@code <dir>/<name>.properties} from {@code fileProps} (the file's, {@code plugin.path}
     * already set) plus {@code bootstrap.servers}, {@code listeners} and {@code overrides}.
     */
    public static WorkerProcess create(String name, Path dir, Map<String, String> fileProps, String bootstrapServers,
                                       Map<String, String> overrides) {
        int port = Ports.free();
        Map<String, String> props = new TreeMap<>(fileProps);
        props.put("bootstrap.servers", bootstrapServers);
        props.put("listeners", "http://127.0.0.1:" + port);
        props.putAll(overrides);
        Path config = dir.resolve(name + ".properties");
        PropertiesFile.write(config, props);
        JvmProcess jvm = new JvmProcess(name, HEAP, List.of(), "org.apache.kafka.connect.cli.ConnectDistributed",
                List.of(config.toString()), dir.resolve(name + ".log"));
        return new WorkerProcess(jvm, port);
    }

    public String name() {
        return process.name();
    }

    /** {@code http://127.0.0.1:<port>}, the same across restarts. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    public JvmProcess process() {
        return process;
    }

    public void startAndAwait(Duration timeout) {
        process.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers()) {
            process.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + " did not answer at " + restUrl() + " within " + timeout
                        + "; see " + process.log());
            }
            Ports.pause(500);
        }
    }

    /** SIGKILL of the worker JVM: its tasks stop mid-flight, nothing is flushed or committed. */
    public void kill() {
        process.kill();
    }

    /** Whether the process runs and its REST API answers {@code GET /connectors}. */
    public boolean answers() {
        if (!process.isAlive()) {
            return false;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(restUrl() + "/connectors"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
