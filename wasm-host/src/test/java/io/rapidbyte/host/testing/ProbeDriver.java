package io.rapidbyte.host.testing;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe test guest ({@code connectors/test-guests}, classpath {@code /guests/probe.wasm}):
 * a connector of every role that executes a JSON script of host calls and reports each step
 * through {@code metric}. This class builds scripts and reads the reports back.
 */
public final class ProbeDriver {
    public static final String RESOURCE = "/guests/probe.wasm";
    private static volatile ConnectorModule module;

    private ProbeDriver() {
    }

    /** The probe module, loaded (and compiled) once per JVM. */
    public static ConnectorModule module() {
        if (module == null) {
            synchronized (ProbeDriver.class) {
                if (module == null) {
                    try (InputStream in = ProbeDriver.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(RESOURCE + " is not on the test classpath: install "
                                    + "connectors/test-guests (io.rapidbyte:rapidbyte-test-guests)");
                        }
                        module = ConnectorModule.load(in.readAllBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return module;
    }

    /** One script step: {@code op("frame-new", "capacity", 16, "as", "f")}. */
    public static Map<String, Object> op(String name, Object... keyValues) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", name);
        op.putAll(obj(keyValues));
        return op;
    }

    /** An insertion-ordered JSON object: {@code obj("name", "rows", "value", 7)}. */
    public static Map<String, Object> obj(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** The probe's test data: byte i is i % 251 (BytePattern in the guest). */
    public static long patternSum(int size) {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += i % 251;
        }
        return sum;
    }

    /** {@code open} config running {@code steps}. */
    @SafeVarargs
    public static String script(Map<String, Object>... steps) {
        return TestJson.write(Map.of("script", List.of(steps)));
    }

    /** {@code open} config with extra top-level members (fail_open, validate). */
    public static String config(Map<String, Object> extra, List<Map<String, Object>> steps) {
        Map<String, Object> config = new LinkedHashMap<>(extra);
        config.put("script", steps);
        return TestJson.write(config);
    }

    /** One step's report. */
    public record Report(long step, String op, boolean ok, Object value, Map<String, Object> error) {
        public String code() {
            return error == null ? null : (String) error.get("code");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> map() {
            return (Map<String, Object>) value;
        }

        public long number() {
            return ((Number) value).longValue();
        }

        public long field(String name) {
            return ((Number) map().get(name)).longValue();
        }
    }

    /** The reports {@code connector} sent, by step. Other metrics are ignored. */
    @SuppressWarnings("unchecked")
    public static List<Report> reports(RecordingListener listener, String connector) {
        List<Report> out = new ArrayList<>();
        for (RecordingListener.Metric m : listener.metrics) {
            if (!m.connector().equals(connector)) {
                continue;
            }
            Map<String, Object> json = TestJson.object(m.payload());
            if (!"probe".equals(json.get("name")) || !json.containsKey("step")) {
                continue;
            }
            out.add(new Report(((Number) json.get("step")).longValue(), (String) json.get("op"),
                    Boolean.TRUE.equals(json.get("ok")), json.get("value"), (Map<String, Object>) json.get("error")));
        }
        out.sort(Comparator.comparingLong(Report::step));
        return out;
    }
}
