package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees when something is wrong: misconfigured connectors end FAILED with a
 * trace in {@code GET /connectors/{name}/status} that says what happened, and
 * {@code config/validate} reports errors on the fields they concern. Connectors created with
 * {@code wasm.validate.with.connector=false} (as when the REST-serving worker cannot reach the
 * database) get past creation and fail at run time; with validation on, creation itself is refused.
 */
class FailuresIT {
    private static final Duration WAIT = Duration.ofMinutes(2);

    private static PostgresPipeline pipeline(String name) {
        PostgresPipeline p = SharedEnvironment.pipeline(name, "public.items");
        SharedEnvironment.postgres().execute(name, "CREATE TABLE public.items (id int PRIMARY KEY, name text);"
                + "INSERT INTO public.items SELECT g, 'item ' || g FROM generate_series(1, 100) g");
        return p;
    }

    @Test
    void aWrongPasswordFailsTheSourceConnectorAndTheSinkTask() throws Exception {
        PostgresPipeline p = pipeline("fail_auth");
        ConnectRest rest = SharedEnvironment.rest();

        p.source().set("wasm.config.password", "not-the-password");
        ConnectRest.Reply refused = rest.createConnector(p.source().json());
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().path("message").asText().contains("28P01"), refused.toString());
        assertTrue(!refused.toString().contains("not-the-password"), "the password never appears in the answer");

        p.source().set("wasm.validate.with.connector", "false");
        rest.createConnector(p.source().json()).orThrow("creating " + p.source().name());
        String trace = awaitFailed(p.source().name());
        assertTrue(trace.contains("28P01") && trace.contains("auth"), trace);
        assertTrue(!trace.contains("not-the-password"), "the password never appears in a trace");

        rest.deleteConnector(p.source().name());

        // The sink opens its connector per stream, when the first batch arrives: its task fails.
        PostgresPipeline sinkSide = pipeline("fail_auth_sink");
        sinkSide.sink().set("wasm.config.password", "not-the-password");
        sinkSide.sink().set("wasm.validate.with.connector", "false");
        sinkSide.deploy(rest);
        String sinkTrace = awaitFailed(sinkSide.sink().name());
        assertTrue(sinkTrace.contains("28P01"), sinkTrace);
        sinkSide.undeploy(rest);
    }

    @Test
    void aMissingTableFailsTheConnector() throws Exception {
        PostgresPipeline p = pipeline("fail_table").from("fail_table", "public.nope");
        ConnectRest rest = SharedEnvironment.rest();
        ConnectRest.Reply refused = rest.createConnector(p.source().json());
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().path("message").asText().contains("public.nope"), refused.toString());

        p.source().set("wasm.validate.with.connector", "false");
        rest.createConnector(p.source().json()).orThrow("creating " + p.source().name());
        String trace = awaitFailed(p.source().name());
        assertTrue(trace.contains("public.nope"), trace);
        rest.deleteConnector(p.source().name());
    }

    @Test
    void aHostOutsideTheAllowListFailsTheConnector() throws Exception {
        PostgresPipeline p = pipeline("fail_acl");
        p.source().set("wasm.network.allow", "db.internal.example:5432");
        p.source().set("wasm.validate.with.connector", "false");
        ConnectRest rest = SharedEnvironment.rest();
        rest.createConnector(p.source().json()).orThrow("creating " + p.source().name());
        String trace = awaitFailed(p.source().name());
        assertTrue(trace.contains("NETWORK_DENIED"), trace);
        assertTrue(trace.contains(SharedEnvironment.postgres().host()), "the trace names the refused host: " + trace);
        rest.deleteConnector(p.source().name());
    }

    @Test
    void validateReportsErrorsPerField() {
        PostgresPipeline p = pipeline("fail_validate");
        Map<String, String> sink = new TreeMap<>(p.sink().config());
        sink.put("wasm.config.port", "70000");
        sink.put("wasm.config.write_mode", "merge");
        sink.put("wasm.config.colour", "blue");
        sink.remove("wasm.config.host");
        JsonNode result = SharedEnvironment.rest().validate("WasmSinkConnector", sink);
        Map<String, String> errors = errorsByField(result);
        assertTrue(errors.get("wasm.config.port").contains("65535"), errors.toString());
        assertTrue(errors.get("wasm.config.write_mode").contains("append"), errors.toString());
        assertTrue(errors.get("wasm.config.colour").contains("not a setting"), errors.toString());
        assertTrue(errors.get("wasm.config.host").contains("required") || errors.get("wasm.config.host").contains("Missing"),
                errors.toString());
        assertEquals(4, result.path("error_count").asInt(), errors.toString());

        Map<String, String> source = new TreeMap<>(p.source().config());
        source.put("topic.prefix", "also.");
        source.put("wasm.config.max_batch_bytes", "12");
        errors = errorsByField(SharedEnvironment.rest().validate("WasmSourceConnector", source));
        assertTrue(errors.get("topic").contains("exactly one of topic and topic.prefix"), errors.toString());
        assertTrue(errors.get("wasm.config.max_batch_bytes").contains("4096"), errors.toString());
    }

    @Test
    void validateReportsAWrongPasswordOnThePasswordField() {
        PostgresPipeline p = pipeline("fail_validate_auth");
        for (io.rapidbyte.it.rest.ConnectorPayload payload : List.of(p.source(), p.sink())) {
            Map<String, String> config = new TreeMap<>(payload.config());
            config.put("wasm.config.password", "not-the-password");
            String plugin = config.get("connector.class").substring(config.get("connector.class").lastIndexOf('.') + 1);
            JsonNode result = SharedEnvironment.rest().validate(plugin, config);
            Map<String, String> errors = errorsByField(result);
            String password = errors.get("wasm.config.password");
            assertTrue(password != null && password.contains("28P01"), plugin + ": " + errors);
            assertEquals(1, password.split("28P01", -1).length - 1, "the SQLSTATE once: " + password);
            assertTrue(!errors.containsKey("wasm.connector"), plugin + ": " + errors);
            assertEquals(1, result.path("error_count").asInt(), errors.toString());
            assertTrue(!result.toString().contains("not-the-password"), "the password is never echoed");
        }
    }

    private static Map<String, String> errorsByField(JsonNode validation) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode config : validation.path("configs")) {
            JsonNode value = config.path("value");
            if (value.path("errors").size() > 0) {
                out.put(value.path("name").asText(), value.path("errors").toString());
            }
        }
        return out;
    }

    /** Waits until the connector or one of its tasks is FAILED; returns that trace. */
    private static String awaitFailed(String name) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            ConnectRest.Reply reply = SharedEnvironment.rest().get("/connectors/" + name + "/status");
            if (reply.ok()) {
                status = reply.body();
                Optional<String> trace = PipelineWatch.failureTrace(status);
                if (trace.isPresent()) {
                    return trace.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " did not fail within " + WAIT + ": " + status);
    }
}
