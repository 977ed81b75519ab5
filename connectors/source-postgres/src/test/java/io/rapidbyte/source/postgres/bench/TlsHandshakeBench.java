package io.rapidbyte.source.postgres.bench;

import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import io.rapidbyte.postgres.testkit.TestCertificates;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What TLS adds to a connection: source-postgres's {@code validate} (connect, startup, SCRAM,
 * ReadyForQuery, two catalog queries, Terminate) against one PostgreSQL 17 with {@code ssl=on},
 * without TLS ({@code plain_user}, {@code sslmode=disable}) and with it ({@code tls_user},
 * {@code require}, and {@code verify-full} with the CA), SCRAM with the same iteration count in
 * all three. The configurations take turns round by round so they share the machine's noise.
 * Per validate: the calling thread's CPU time (the guest and the host's TLS both run on it; the
 * server's side is not counted) and the wall time, as median and p10–p90. Not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl connectors/source-postgres test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.source.postgres.bench.TlsHandshakeBench [-Dbench.rounds=60]
 * </pre>
 */
public final class TlsHandshakeBench {
    private static final String PASSWORD = TestPostgres.PASSWORD;

    private record Config(String label, String json) {
    }

    private TlsHandshakeBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 60);
        int warmup = Math.max(10, rounds / 3);
        TestCertificates.Authority ca = TestCertificates.authority("Bench CA");
        try (TestPostgres pg = TestPostgres.startTls(ca.server("bench", "127.0.0.1"), ca)) {
            String db = pg.createDatabase("tls_bench");
            pg.execute(db, "CREATE TABLE t (id int PRIMARY KEY, v text)");
            String base = "\"host\":\"127.0.0.1\",\"port\":" + pg.port() + ",\"database\":\"" + db
                    + "\",\"password\":\"" + PASSWORD + "\",\"streams\":[{\"name\":\"public.t\"}]";
            String ca64 = ca.certPem().replace("\n", "\\n");
            List<Config> configs = List.of(
                    new Config("no TLS (disable)", "{" + base + ",\"user\":\"" + TestPostgres.PLAIN_USER
                            + "\",\"sslmode\":\"disable\"}"),
                    new Config("TLS (require)", "{" + base + ",\"user\":\"" + TestPostgres.TLS_USER
                            + "\",\"sslmode\":\"require\"}"),
                    new Config("TLS (verify-full)", "{" + base + ",\"user\":\"" + TestPostgres.TLS_USER
                            + "\",\"sslmode\":\"verify-full\",\"sslrootcert\":\"" + ca64 + "\"}"));
            ConnectorModule module = module();
            List<ConnectorInstance> instances = new ArrayList<>();
            try {
                for (Config c : configs) {
                    ConnectorInstance i = ConnectorInstance.builder(module, Role.SOURCE).name("tls-bench")
                            .network(NetworkAcl.of(List.of("127.0.0.1:" + pg.port())), SocketOptions.DEFAULT)
                            .listener(QUIET).build();
                    i.open(c.json());
                    instances.add(i);
                }
                long[][] cpu = new long[configs.size()][rounds];
                long[][] wall = new long[configs.size()][rounds];
                long[] firstCpu = new long[configs.size()];
                long[] firstWall = new long[configs.size()];
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                for (int r = -warmup; r < rounds; r++) {
                    for (int k = 0; k < configs.size(); k++) {
                        long c0 = threads.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        ValidationResult v = instances.get(k).validate();
                        long w1 = System.nanoTime();
                        long c1 = threads.getCurrentThreadCpuTime();
                        if (v.status() != ValidationStatus.SUCCESS) {
                            throw new IllegalStateException(configs.get(k).label() + ": " + v.message());
                        }
                        if (r == -warmup) {
                            firstCpu[k] = c1 - c0;
                            firstWall[k] = w1 - w0;
                        }
                        if (r >= 0) {
                            cpu[k][r] = c1 - c0;
                            wall[k][r] = w1 - w0;
                        }
                    }
                }
                System.out.printf("validate (connect to ready + 2 catalog queries), %d rounds after %d warm-up%n",
                        rounds, warmup);
                System.out.printf("%-20s %28s %28s%n", "", "thread CPU ms (p10 / median / p90)",
                        "wall ms (p10 / median / p90)");
                for (int k = 0; k < configs.size(); k++) {
                    System.out.printf("%-20s %28s %28s%n", configs.get(k).label(), spread(cpu[k]), spread(wall[k]));
                }
                for (int k = 0; k < configs.size(); k++) {
                    System.out.printf("first call in this JVM, %s: CPU %.1f ms, wall %.1f ms%n", configs.get(k).label(),
                            firstCpu[k] / 1e6, firstWall[k] / 1e6);
                }
                for (int k = 1; k < configs.size(); k++) {
                    System.out.printf("%s minus no TLS: CPU %+.2f ms, wall %+.2f ms (medians)%n", configs.get(k).label(),
                            (median(cpu[k]) - median(cpu[0])) / 1e6, (median(wall[k]) - median(wall[0])) / 1e6);
                }
            } finally {
                instances.forEach(ConnectorInstance::close);
            }
        }
    }

    private static String spread(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.2f / %.2f / %.2f", s[s.length / 10] / 1e6, s[s.length / 2] / 1e6,
                s[s.length * 9 / 10] / 1e6);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static ConnectorModule module() {
        try (InputStream in = TlsHandshakeBench.class.getResourceAsStream("/rapidbyte/connectors/source-postgres.wasm")) {
            if (in == null) {
                throw new IllegalStateException("source-postgres.wasm is not on the class path: run process-classes");
            }
            return ConnectorModule.load(in.readAllBytes()).requireRole(Role.SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final HostListener QUIET = new HostListener() {
        @Override
        public void onLog(String connector, LogLevel level, String message) {
        }

        @Override
        public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
        }

        @Override
        public void onMetric(String connector, String payloadJson) {
        }
    };
}
