package io.rapidbyte.host.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.testing.RecordingListener;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs one probe script as a single instance and returns its step reports. */
final class ProbeRun {
    static final String NAME = "probe-src";

    final RecordingListener listener = new RecordingListener();
    ConnectorInstance instance;

    /** Builds a source instance (customised by {@code config}), opens it with the script, runs it. */
    @SafeVarargs
    final List<ProbeDriver.Report> run(UnaryOperator<ConnectorInstance.Builder> config, Map<String, Object>... steps) {
        instance = config.apply(ConnectorInstance.builder(ProbeDriver.module(), Role.SOURCE)
                .name(NAME).listener(listener)).build();
        instance.open(ProbeDriver.script(steps));
        instance.runRead("{\"stream\":\"probe\",\"limits\":{},\"resume\":null}");
        return ProbeDriver.reports(listener, NAME);
    }

    @SafeVarargs
    final List<ProbeDriver.Report> run(Map<String, Object>... steps) {
        return run(b -> b, steps);
    }

    @SafeVarargs
    final List<ProbeDriver.Report> run(InstanceLimits limits, Map<String, Object>... steps) {
        return run(b -> b.limits(limits), steps);
    }

    /** Asserts step {@code i} succeeded and returns it. */
    static ProbeDriver.Report ok(List<ProbeDriver.Report> reports, int i) {
        ProbeDriver.Report r = reports.get(i);
        assertEquals(i, r.step());
        assertEquals(true, r.ok(), () -> "step " + i + " (" + r.op() + ") failed: " + r.error());
        return r;
    }

    /** Asserts step {@code i} failed with {@code code} and returns it. */
    static ProbeDriver.Report err(List<ProbeDriver.Report> reports, int i, String code) {
        ProbeDriver.Report r = reports.get(i);
        assertEquals(i, r.step());
        assertEquals(false, r.ok(), () -> "step " + i + " (" + r.op() + ") should have failed with " + code);
        assertEquals(code, r.code(), () -> "step " + i + " (" + r.op() + "): " + r.error());
        return r;
    }
}
