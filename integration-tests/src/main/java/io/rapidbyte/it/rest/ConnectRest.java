package io.rapidbyte.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small client of the Kafka Connect REST API (plain HTTP + JSON, the way an operator's curl
 * talks to it). The base URL is looked up per request, so it follows a restarted worker.
 * Thread-safe.
 */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Supplier<String> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ConnectRest(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An HTTP answer: status code and JSON body (a NullNode when empty). */
    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }

        /** This reply, or an exception naming the request and the worker's message when not 2xx. */
        public Reply orThrow(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " failed: HTTP " + status + " " + body);
            }
            return this;
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    public Reply put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    public Reply patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code POST /connectors} with a payload of {@code config/} ({@code {"name", "config"}}). */
    public Reply createConnector(ObjectNode payload) {
        return post("/connectors", payload);
    }

    /** {@code GET /connectors/{name}/status}. */
    public JsonNode status(String name) {
        return get("/connectors/" + name + "/status").orThrow("status of " + name).body();
    }

    /** {@code PUT /connector-plugins/{plugin}/config/validate}: the per-field result. */
    public JsonNode validate(String plugin, Map<String, String> config) {
        return put("/connector-plugins/" + plugin + "/config/validate", JSON.valueToTree(config))
                .orThrow("validating a " + plugin + " config").body();
    }

    public void restartTask(String name, int task) {
        restart("/connectors/" + name + "/tasks/" + task + "/restart").orThrow("restarting task " + task + " of " + name);
    }

    public void restartConnectorAndTasks(String name, boolean onlyFailed) {
        restart("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=" + onlyFailed).orThrow("restarting " + name);
    }

    /**
     * A restart request, sent again while the worker answers 409: Connect refuses a restart
     * "momentarily" while a config change or rebalance is in flight (e.g. right after a config
     * update), and a user would simply retry. Gives up after 30 s with the last answer.
     */
    private Reply restart(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Reply r = post(path, null);
            if (r.status() != 409 || System.nanoTime() > deadline) {
                return r;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    public void deleteConnector(String name) {
        Reply r = delete("/connectors/" + name);
        if (r.status() != 404) {
            r.orThrow("deleting " + name);
        }
    }

    private Reply send(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, publisher)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
