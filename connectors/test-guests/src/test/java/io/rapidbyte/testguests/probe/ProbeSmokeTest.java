package io.rapidbyte.testguests.probe;

import static io.rapidbyte.testguests.probe.ProbeGuest.DEST;
import static io.rapidbyte.testguests.probe.ProbeGuest.SOURCE;
import static io.rapidbyte.testguests.probe.ProbeGuest.TRANSFORM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Runs the real probe.wasm under Chicory against {@link MiniHost}: checks the guest half of the ABI
 * (imports, exports, arena, return areas) end to end. The host's own tests of the probe live in wasm-host.
 */
class ProbeSmokeTest {
    private static final String CTX = "{\"stream\":\"probe\",\"limits\":{\"max_batch_bytes\":1000000},\"resume\":null}";

    @Test
    void framesRoundTripAndReportEveryStep() {
        ProbeGuest g = new ProbeGuest();
        open(g, SOURCE, "[{\"op\":\"frame-new\",\"capacity\":16,\"as\":\"f\"},"
                + "{\"op\":\"frame-write\",\"frame\":\"f\",\"text\":\"h\u00e9llo\"},"
                + "{\"op\":\"frame-write\",\"frame\":\"f\",\"size\":300},"
                + "{\"op\":\"frame-seal\",\"frame\":\"f\"},"
                + "{\"op\":\"frame-len\",\"frame\":\"f\"},"
                + "{\"op\":\"frame-read\",\"frame\":\"f\",\"offset\":0,\"len\":6},"
                + "{\"op\":\"frame-write\",\"frame\":\"f\",\"text\":\"x\"},"
                + "{\"op\":\"frame-read\",\"frame\":\"f\",\"offset\":300,\"len\":100},"
                + "{\"op\":\"emit-batch\",\"frame\":\"f\"},"
                + "{\"op\":\"frame-len\",\"frame\":\"f\"},"
                + "{\"op\":\"frame-len\",\"frame\":0},"
                + "{\"op\":\"bogus\"}]");
        int ret = g.callWithString(SOURCE + "run-read", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret));
        assertEquals(12, g.summaryField(ret, 0));
        assertEquals(0, g.summaryField(ret, 1));
        g.postReturn(SOURCE + "run-read", ret);

        List<JsonObject> steps = reports(g);
        assertEquals(12, steps.size());
        assertEquals(1L, steps.get(0).getLong("value"));
        assertEquals(6L, steps.get(1).getLong("value"));
        assertEquals(306L, steps.get(2).getLong("value"));
        assertEquals(306L, steps.get(4).getLong("value"));
        assertEquals("h\u00e9llo", steps.get(5).getObject("value").getString("text"));
        assertError(steps.get(6), "FRAME_ALREADY_SEALED");
        assertError(steps.get(7), "FRAME_BOUNDS");
        assertTrue(steps.get(8).getBoolean("ok"));
        assertError(steps.get(9), "INVALID_FRAME_HANDLE");
        assertError(steps.get(10), "INVALID_FRAME_HANDLE");
        assertError(steps.get(11), "UNKNOWN_OP");
        assertEquals(1, g.host.emitted.size());
        assertEquals(306, g.host.emitted.get(0).length);
    }

    @Test
    void generateAndDrainMoveLargeBatchesInArenaSizedChunks() {
        ProbeGuest g = new ProbeGuest();
        open(g, SOURCE, "[{\"op\":\"generate\",\"batches\":3,\"size\":300000}]");
        int ret = g.callWithString(SOURCE + "run-read", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret));
        assertEquals(3, g.host.emitted.size());
        assertArrayEquals(pattern(300_000), g.host.emitted.get(2));

        ProbeGuest d = new ProbeGuest();
        byte[] big = pattern(6 << 20); // larger than the 4 MiB arena: read in two chunks
        d.host.input.add(big);
        d.host.input.add(pattern(10));
        open(d, DEST, "[{\"op\":\"drain\"},{\"op\":\"next-batch\",\"as\":\"n\"}]");
        int ret2 = d.callWithString(DEST + "run-write", CTX);
        assertTrue(d.isOk(ret2), () -> d.errorCode(ret2));
        List<JsonObject> steps = reports(d);
        JsonObject drained = steps.get(0).getObject("value");
        assertEquals(2L, drained.getLong("batches"));
        assertEquals(big.length + 10L, drained.getLong("bytes"));
        assertEquals(sum(big) + sum(pattern(10)), drained.getLong("sum"));
        assertTrue(steps.get(1).isNull("value"), "end of input");
    }

    @Test
    void transformForwardsEveryBatch() {
        ProbeGuest g = new ProbeGuest();
        g.host.input.add("one".getBytes());
        g.host.input.add(pattern(70_000));
        open(g, TRANSFORM, "[{\"op\":\"forward\"}]");
        int ret = g.callWithString(TRANSFORM + "run-transform", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret));
        assertEquals(1, g.summaryField(ret, 0));
        assertEquals(2L, reports(g).get(0).getLong("value"));
        assertArrayEquals("one".getBytes(), g.host.emitted.get(0));
        assertArrayEquals(pattern(70_000), g.host.emitted.get(1));
    }

    @Test
    void controlPlaneImports() {
        ProbeGuest g = new ProbeGuest();
        open(g, DEST, "[{\"op\":\"state-put\",\"scope\":\"stream\",\"key\":\"k\",\"value\":\"v1\"},"
                + "{\"op\":\"state-get\",\"scope\":\"stream\",\"key\":\"k\"},"
                + "{\"op\":\"state-get\",\"scope\":\"connector\",\"key\":\"k\"},"
                + "{\"op\":\"state-cas\",\"scope\":\"stream\",\"key\":\"k\",\"expected\":\"v0\",\"value\":\"v2\"},"
                + "{\"op\":\"state-cas\",\"scope\":\"stream\",\"key\":\"k\",\"expected\":\"v1\",\"value\":\"v2\"},"
                + "{\"op\":\"state-cas\",\"scope\":\"pipeline\",\"key\":\"new\",\"expected\":null,\"value\":\"x\"},"
                + "{\"op\":\"checkpoint\",\"kind\":\"dest\",\"payload\":{\"lsn\":12.50}},"
                + "{\"op\":\"log\",\"level\":\"warn\",\"msg\":\"careful \u4e2d\"},"
                + "{\"op\":\"metric\",\"payload\":{\"name\":\"rows\",\"value\":5}},"
                + "{\"op\":\"dlq\",\"stream\":\"s\",\"record\":{\"id\":1},\"message\":\"bad\",\"category\":\"data\"},"
                + "{\"op\":\"frame-new\",\"as\":\"r\"},{\"op\":\"frame-write\",\"frame\":\"r\",\"size\":40},"
                + "{\"op\":\"frame-seal\",\"frame\":\"r\"},"
                + "{\"op\":\"dlq-row\",\"frame\":\"r\",\"column\":\"qty\",\"code\":\"23514\",\"message\":\"check\"},"
                + "{\"op\":\"dlq-row\",\"frame\":\"r\",\"code\":\"X\"}]");
        int ret = g.callWithString(DEST + "run-write", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret));
        List<JsonObject> steps = reports(g);
        assertEquals("v1", steps.get(1).getString("value"));
        assertTrue(steps.get(2).isNull("value"));
        assertFalse(steps.get(3).getBoolean("value"));
        assertTrue(steps.get(4).getBoolean("value"));
        assertTrue(steps.get(5).getBoolean("value"));
        assertEquals("v2", g.host.state.get("1/k"));
        assertEquals(List.of("1:{\"lsn\":12.50}"), g.host.checkpoints);
        assertEquals(List.of("1:careful \u4e2d"), g.host.logs);
        assertTrue(g.host.metrics.contains("{\"name\":\"rows\",\"value\":5}"));
        assertEquals(List.of("s|{\"id\":1}|bad|data", "40|qty|23514|check"), g.host.dlq);
        assertEquals("INVALID_FRAME_HANDLE", steps.get(14).getObject("error").getString("code"), "the frame was consumed");
    }

    @Test
    void socketsThroughFrames() {
        ProbeGuest g = new ProbeGuest();
        open(g, SOURCE, "[{\"op\":\"connect-tcp\",\"host\":\"echo\",\"port\":7,\"as\":\"s\"},"
                + "{\"op\":\"socket-read\",\"socket\":\"s\",\"len\":10},"
                + "{\"op\":\"socket-write\",\"socket\":\"s\",\"text\":\"ping pong\"},"
                + "{\"op\":\"socket-read\",\"socket\":\"s\",\"len\":4},"
                + "{\"op\":\"socket-read\",\"socket\":\"s\",\"len\":100},"
                + "{\"op\":\"socket-close\",\"socket\":\"s\"},"
                + "{\"op\":\"connect-tcp\",\"host\":\"evil\",\"port\":7},"
                + "{\"op\":\"socket-echo\",\"host\":\"echo\",\"port\":7,\"text\":\"through the stream \u00e9\"}]");
        int ret = g.callWithString(SOURCE + "run-read", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret));
        List<JsonObject> steps = reports(g);
        assertEquals("would-block", steps.get(1).getObject("value").getString("kind"));
        assertEquals(9L, steps.get(2).getLong("value"));
        assertEquals("ping", steps.get(3).getObject("value").getString("text"));
        assertEquals(" pong", steps.get(4).getObject("value").getString("text"));
        assertError(steps.get(6), "NETWORK_DENIED");
        assertEquals("through the stream \u00e9", steps.get(7).getString("value"));
    }

    @Test
    void lifecycleExportsAndErrors() {
        ProbeGuest g = new ProbeGuest();
        int discover = g.call(SOURCE + "discover");
        assertEquals("{\"streams\":[{\"name\":\"probe\"}]}", g.okString(discover));
        g.postReturn(SOURCE + "discover", discover);

        int failed = g.callWithString(SOURCE + "open",
                "{\"fail_open\":{\"category\":\"auth\",\"code\":\"28P01\",\"message\":\"no\",\"retryable\":true}}");
        assertFalse(g.isOk(failed));
        assertEquals(1, g.errorCategory(failed));
        assertEquals("28P01", g.errorCode(failed));
        assertEquals(1, g.memory().read(failed + 8 + 20), "retryable");

        int notJson = g.callWithString(DEST + "open", "{oops");
        assertEquals("INVALID_CONFIG", g.errorCode(notJson));

        open(g, TRANSFORM, "[{\"op\":\"log\",\"msg\":\"a\"},{\"op\":\"fail\",\"category\":\"frame\","
                + "\"code\":\"FRAME_BOUNDS\",\"message\":\"m\"},{\"op\":\"log\",\"msg\":\"never\"}]"
                + ",\"validate\":{\"status\":\"warning\",\"message\":\"hmm\"}");
        int validate = g.call(TRANSFORM + "validate");
        assertEquals(2, g.memory().read(validate + 8));
        assertEquals("hmm", MiniHost.str(g.instance, g.memory().readInt(validate + 12), g.memory().readInt(validate + 16)));
        int run = g.callWithString(TRANSFORM + "run-transform", CTX);
        assertEquals("FRAME_BOUNDS", g.errorCode(run));
        assertEquals("m", g.errorMessage(run));
        assertEquals(List.of("2:a"), g.host.logs);
        assertTrue(g.isOk(g.call(TRANSFORM + "close")));
    }

    @Test
    void trapIsARealWasmTrap() {
        ProbeGuest g = new ProbeGuest();
        open(g, SOURCE, "[{\"op\":\"trap\"}]");
        assertThrows(ChicoryException.class, () -> g.callWithString(SOURCE + "run-read", CTX));
    }

    @Test
    void exhaustingTheHeapTrapsWithAMessage() {
        ProbeGuest g = new ProbeGuest();
        // 20 x 4 MB kept alive exceeds the 64 MiB max heap; each block is small enough to grow the heap.
        open(g, SOURCE, "[" + "{\"op\":\"alloc\",\"bytes\":4000000},".repeat(19)
                + "{\"op\":\"alloc\",\"bytes\":4000000}]");
        assertThrows(ChicoryException.class, () -> g.callWithString(SOURCE + "run-read", CTX));
        assertTrue(g.stderr.toString().contains("Out of memory"), g.stderr::toString);
    }

    @Test
    void spinRunsUntilTheThreadIsInterrupted() throws Exception {
        ProbeGuest g = new ProbeGuest();
        open(g, SOURCE, "[{\"op\":\"spin\"}]");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                g.callWithString(SOURCE + "run-read", CTX);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        runner.start();
        runner.join(300);
        assertTrue(runner.isAlive(), "spin returned on its own");
        runner.interrupt();
        runner.join(10_000);
        assertFalse(runner.isAlive(), "interruption did not stop the guest");
        assertTrue(outcome.get() instanceof ChicoryInterruptedException, String.valueOf(outcome.get()));
    }

    @Test
    void arenaSurvivesHeavyAllocationAndCollection() {
        ProbeGuest g = new ProbeGuest();
        StringBuilder script = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            script.append("{\"op\":\"alloc\",\"bytes\":1000000},{\"op\":\"state-put\",\"key\":\"k").append(i)
                    .append("\",\"value\":\"").append("v".repeat(1000)).append(i).append("\"},")
                    .append("{\"op\":\"state-get\",\"key\":\"k").append(i).append("\"},");
        }
        script.append("{\"op\":\"generate\",\"batches\":2,\"size\":2000000}]");
        open(g, SOURCE, script.toString());
        int ret = g.callWithString(SOURCE + "run-read", CTX);
        assertTrue(g.isOk(ret), () -> g.errorCode(ret) + " " + g.stderr);
        List<JsonObject> steps = reports(g);
        for (int i = 0; i < 20; i++) {
            assertEquals("v".repeat(1000) + i, steps.get(3 * i + 2).getString("value"));
        }
        assertArrayEquals(pattern(2_000_000), g.host.emitted.get(1));
    }

    private static void open(ProbeGuest g, String iface, String scriptJson) {
        String config = scriptJson.startsWith("[") ? "{\"script\":" + scriptJson + "}" : scriptJson;
        int ret = g.callWithString(iface + "open", config);
        assertTrue(g.isOk(ret), () -> "open failed: " + g.errorCode(ret) + " " + g.errorMessage(ret));
        g.postReturn(iface + "open", ret);
    }

    private static List<JsonObject> reports(ProbeGuest g) {
        List<JsonObject> steps = new ArrayList<>();
        for (String m : g.host.metrics) {
            JsonObject o = Json.parseObject(m);
            if ("probe".equals(o.optString("name", "")) && o.containsKey("step")) {
                assertEquals((long) steps.size(), o.getLong("step"));
                steps.add(o);
            }
        }
        return steps;
    }

    private static void assertError(JsonObject step, String code) {
        assertFalse(step.getBoolean("ok"), step::toJson);
        assertEquals(code, step.getObject("error").getString("code"), step::toJson);
    }

    private static byte[] pattern(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    private static long sum(byte[] bytes) {
        long s = 0;
        for (byte b : bytes) {
            s += b & 0xFF;
        }
        return s;
    }
}
