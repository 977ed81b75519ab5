package io.rapidbyte.dest.postgres;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.DlqRow;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.host.types.WriteSummary;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs the real compiled dest-postgres.wasm in the real host against the shared embedded
 * PostgreSQL 17, feeding it frames through a {@link StageChannel}, and records what the guest
 * reported (checkpoints, dead-letter rows, logs).
 */
public final class DestHarness {
    static final String WASM_RESOURCE = "/rapidbyte/connectors/dest-postgres.wasm";
    static final StreamLimits NO_INTERVAL = new StreamLimits(1_000_000, 10_000, 8, 0, 0, 0);

    private static ConnectorModule module;

    final TestPostgres pg;
    final String database;

    DestHarness(String prefix) {
        this(TestPostgres.shared(), prefix);
    }

    /**
     * A harness on {@code server} instead of the shared one (one with TLS, or one a test crashes
     * and restarts).
     */
    DestHarness(TestPostgres server, String prefix) {
        this.pg = server;
        this.database = pg.createDatabase(prefix);
    }

    /** The compiled module, from the class path (target/classes holds it after process-classes). */
    public static synchronized ConnectorModule module() {
        if (module == null) {
            try (InputStream in = DestHarness.class.getResourceAsStream(WASM_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(WASM_RESOURCE + " is not on the class path: run mvn process-classes");
                }
                module = ConnectorModule.load(in.readAllBytes()).requireRole(Role.DESTINATION);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    /** The base config (trusted superuser) with {@code overrides} (key, value pairs; a null value removes). */
    String config(Object... overrides) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", pg.host());
        c.put("port", pg.port());
        c.put("database", database);
        c.put("user", "postgres");
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                c.remove((String) overrides[i]);
            } else {
                c.put((String) overrides[i], overrides[i + 1]);
            }
        }
        return Json.write(c);
    }

    /** What one run-write did. */
    static final class Run implements HostListener {
        final List<String> checkpoints = new CopyOnWriteArrayList<>();
        final List<DeadRow> dlq = new CopyOnWriteArrayList<>();
        final List<String> logs = new CopyOnWriteArrayList<>();
        volatile WriteSummary summary;
        volatile ConnectorException error;

        @Override
        public void onLog(String connector, LogLevel level, String message) {
            logs.add(level + " " + message);
        }

        @Override
        public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
            if (kind != CheckpointKind.DEST) {
                throw new AssertionError("destination checkpointed as " + kind);
            }
            checkpoints.add(payloadJson);
        }

        @Override
        public void onDlqRow(String connector, DlqRow row) {
            dlq.add(DeadRow.of(row));
        }

        WriteSummary ok() {
            if (error != null) {
                throw new AssertionError("run-write failed: " + error.error() + "\nlogs: " + logs, error);
            }
            return summary;
        }

        ConnectorException failed() {
            if (error == null) {
                throw new AssertionError("run-write succeeded but was expected to fail; logs: " + logs);
            }
            return error;
        }
    }

    /** Feeds {@code frames}, ends the input, runs run-write to completion. */
    Run run(String config, String stream, List<byte[]> frames) {
        return run(config, stream, frames, NO_INTERVAL);
    }

    Run run(String config, String stream, List<byte[]> frames, StreamLimits limits) {
        return runVia(config, stream, frames, limits, pg.port());
    }

    /** As {@link #run(String, String, List, StreamLimits)}, allowing {@code port} (e.g. a relay's). */
    Run runVia(String config, String stream, List<byte[]> frames, StreamLimits limits, int port) {
        StageChannel input = new StageChannel(Math.max(1, frames.size()));
        try {
            for (byte[] f : frames) {
                input.emit(FramePayload.wrap(f));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        input.finish();
        Run run = new Run();
        try (ConnectorInstance dest = instanceVia(input, run, port)) {
            dest.open(config);
            run.summary = dest.runWrite(limits.contextJson(stream, null));
        } catch (ConnectorException e) {
            run.error = e;
        }
        return run;
    }

    ConnectorInstance instance(StageChannel input, HostListener listener) {
        return instanceVia(input, listener, pg.port());
    }

    /** An instance whose allow-list admits {@code port} on the server's host (e.g. a relay in front of it). */
    ConnectorInstance instanceVia(StageChannel input, HostListener listener, int port) {
        return ConnectorInstance.builder(module(), Role.DESTINATION)
                .name("dest-postgres")
                .limits(InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMinutes(5)))
                .network(NetworkAcl.of(List.of(pg.host() + ":" + port, TestPostgres.OTHER_ADDRESS + ":" + port)),
                        new SocketOptions(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMillis(20), 4))
                .listener(listener)
                .input(input)
                .build();
    }

    // ---- SQL helpers ------------------------------------------------------------------------

    void sql(String statements) {
        pg.execute(database, statements);
    }

    /** Rows of {@code query}, each column as text (null for NULL). */
    List<List<String>> rows(String query) {
        try (Connection c = pg.connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            List<List<String>> out = new ArrayList<>();
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(r.getString(i));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\n" + query, e);
        }
    }

    /** The single value of {@code query}. */
    String value(String query) {
        List<List<String>> r = rows(query);
        if (r.size() != 1 || r.get(0).size() != 1) {
            throw new AssertionError("expected one value from " + query + ", got " + r);
        }
        return r.get(0).get(0);
    }

    long count(String table) {
        return Long.parseLong(value("SELECT count(*) FROM " + table));
    }

    /** Minimal JSON writer for configs. */
    static final class Json {
        static String write(Object o) {
            StringBuilder sb = new StringBuilder();
            append(sb, o);
            return sb.toString();
        }

        private static void append(StringBuilder sb, Object o) {
            if (o == null) {
                sb.append("null");
            } else if (o instanceof String s) {
                sb.append('"');
                for (char ch : s.toCharArray()) {
                    if (ch == '"' || ch == '\\') {
                        sb.append('\\').append(ch);
                    } else if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch)); // PEM text has newlines
                    } else {
                        sb.append(ch);
                    }
                }
                sb.append('"');
            } else if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else if (o instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    append(sb, e.getKey().toString());
                    sb.append(':');
                    append(sb, e.getValue());
                }
                sb.append('}');
            } else if (o instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    append(sb, l.get(i));
                }
                sb.append(']');
            } else {
                throw new IllegalArgumentException("not JSON: " + o);
            }
        }
    }
}
