package io.rapidbyte.source.postgres.bench;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.pipeline.ThreadAllocation;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Throughput of source-postgres (compiled wasm in the real host, frames into a discarding sink)
 * beside pgjdbc's {@code CopyManager} running the same binary COPY into a discarding stream, on the
 * same embedded Postgres 17 and the same table. Not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl connectors/source-postgres test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.source.postgres.bench.SourcePostgresBench [-Dbench.rows=1000000 -Dbench.rounds=3]
 *     [-Dbench.extra=tags,attributes,score,discount,quantity,ship_date,note]
 *     [-Dbench.compare=/path/to/other/source-postgres.wasm]
 * </pre>
 *
 * (Not {@code -Dexec.args}: the module's own exec execution, which builds the wasm, would take it as
 * its command line.) Rows default to 1,000,000, measured rounds to 3, after one warm-up round of
 * each. Prints rows/s and MB/s per round and the best round's ratio. MB/s counts what each side
 * delivers: Arrow IPC bytes for the connector, binary COPY bytes for pgjdbc. On a shared machine
 * wall time is noisy; the guest thread's CPU time (instance start-up, connect and SCRAM included)
 * is printed as well, and the CPU time of the guest's own code per row (wasm-host's GuestClock:
 * run-read's CPU minus its host functions'), the robust figure. With {@code -Dbench.compare} the
 * other module (e.g. one built from an older commit) runs in every round right after this one, in
 * the same JVM, and the best guest-code ns/row of both and their ratio are printed: a before/after
 * of the guest's hot paths (column builders, COPY reader, decoders) that machine load affects alike.
 * The connector's host allocation per row is printed too, with the host's buffer reuse and, run after it in the
 * same round, without (every socket receive buffer new: the before).
 */
public final class SourcePostgresBench {
    private static final String TABLE = "bench";
    /** Exactly what source-postgres sends for a full refresh of the table (see ReadPlan). */
    private static final String CONNECTOR_QUERY = "COPY (SELECT src.\"id\", src.\"n\", src.\"label\", src.\"at\","
            + " src.\"amount\", src.\"flag\", src.\"ref\", src.\"id\"::text AS \"__rb_k0\" FROM \"public\".\"bench\""
            + " AS src ORDER BY src.\"id\") TO STDOUT (FORMAT binary)";
    private static final String PLAIN_QUERY = "COPY (SELECT * FROM bench ORDER BY id) TO STDOUT (FORMAT binary)";

    /**
     * Columns {@code -Dbench.extra=a,b} adds to the table (name → type, value expression over g), to
     * see what each type costs the guest; with any, the pgjdbc "same query" is {@code SELECT *}.
     */
    private static final Map<String, String[]> EXTRA_COLUMNS = Map.of(
            "tags", new String[] {"text[]", "ARRAY['t' || (g % 7), 'k' || (g % 13)]"},
            "attributes", new String[] {"jsonb", "jsonb_build_object('channel', 'web', 'items', g % 9)"},
            "score", new String[] {"double precision", "sqrt(g::double precision)"},
            "discount", new String[] {"real", "((g % 30) / 100.0)::real"},
            "quantity", new String[] {"smallint", "(g % 20 + 1)::smallint"},
            "ship_date", new String[] {"date", "date '2024-01-01' + (g % 400)::int"},
            "note", new String[] {"varchar(200)", "'order note #' || g"});

    private SourcePostgresBench() {
    }

    private static List<String> extraColumns() {
        String spec = System.getProperty("bench.extra", "").trim();
        if (spec.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(spec.split(","));
        for (String n : names) {
            if (!EXTRA_COLUMNS.containsKey(n)) {
                throw new IllegalArgumentException("bench.extra: unknown column " + n + "; known: " + EXTRA_COLUMNS.keySet());
            }
        }
        return names;
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(System.getProperty("bench.rows", args.length > 0 ? args[0] : "1000000"));
        int rounds = Integer.parseInt(System.getProperty("bench.rounds", args.length > 1 ? args[1] : "3"));
        TestPostgres pg = TestPostgres.shared();
        String db = pg.createDatabase("bench");
        System.out.printf("creating %,d rows ...%n", rows);
        List<String> extra = extraColumns();
        StringBuilder ddl = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (String name : extra) {
            String[] col = EXTRA_COLUMNS.get(name);
            ddl.append(", ").append(name).append(' ').append(col[0]);
            values.append(", ").append(col[1]);
        }
        pg.execute(db, "CREATE TABLE bench (id bigint PRIMARY KEY, n int NOT NULL, label text NOT NULL,"
                + " at timestamptz NOT NULL, amount numeric(12,2), flag bool, ref uuid" + ddl + ");"
                + "INSERT INTO bench SELECT g, g % 100000, 'customer-' || g || '-' || md5(g::text),"
                + " timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', (g % 1000000) / 100.0, g % 3 = 0,"
                + " md5(g::text)::uuid" + values + " FROM generate_series(1, " + rows + ") g");
        String sameQuery = extra.isEmpty() ? CONNECTOR_QUERY : PLAIN_QUERY;
        pg.execute(db, "VACUUM ANALYZE bench");
        ConnectorModule module;
        try (InputStream in = SourcePostgresBench.class.getResourceAsStream("/rapidbyte/connectors/source-postgres.wasm")) {
            module = ConnectorModule.load(in.readAllBytes()).requireRole(Role.SOURCE);
        }
        String config = "{\"host\":\"127.0.0.1\",\"port\":" + pg.port() + ",\"database\":\"" + db + "\",\"user\":\""
                + TestPostgres.SCRAM_USER + "\",\"password\":\"" + TestPostgres.PASSWORD + "\"}";

        String comparePath = System.getProperty("bench.compare", "").trim();
        ConnectorModule compare = comparePath.isEmpty() ? null
                : ConnectorModule.load(Files.readAllBytes(Path.of(comparePath))).requireRole(Role.SOURCE);
        double bestNs = Double.MAX_VALUE;
        double bestCompareNs = Double.MAX_VALUE;
        double bestSource = 0;
        double bestCopy = 0;
        double bestPlain = 0;
        for (int round = 0; round <= rounds; round++) {
            String label = round == 0 ? "warm-up" : "round " + round;
            Measure copy = copyManager(pg, db, sameQuery);
            Measure plain = copyManager(pg, db, PLAIN_QUERY);
            Measure source = connector(module, config, pg.port(), FrameLimits.DEFAULT_REUSABLE_BYTES);
            Measure fresh = connector(module, config, pg.port(), 0);
            if (source.rows != rows || copy.rows != rows || fresh.rows != rows) {
                throw new IllegalStateException("row counts differ: source " + source.rows + ", copy " + copy.rows);
            }
            System.out.printf("%-8s pgjdbc COPY (same query) %s | pgjdbc COPY (SELECT *) %s | source-postgres %s"
                    + " | without host buffer reuse %s%n", label, copy, plain, source, fresh);
            Measure other = compare == null ? null : connector(compare, config, pg.port(),
                    FrameLimits.DEFAULT_REUSABLE_BYTES);
            if (other != null) {
                System.out.printf("%-8s compared module %s%n", label, other);
            }
            if (round > 0) {
                bestNs = Math.min(bestNs, source.guestCodeNsPerRow());
                if (other != null) {
                    bestCompareNs = Math.min(bestCompareNs, other.guestCodeNsPerRow());
                }
                bestSource = Math.max(bestSource, source.rowsPerSecond());
                bestCopy = Math.max(bestCopy, copy.rowsPerSecond());
                bestPlain = Math.max(bestPlain, plain.rowsPerSecond());
            }
        }
        System.out.printf("best rows/s: source-postgres %,.0f, pgjdbc COPY same query %,.0f (ratio %.2f),"
                + " pgjdbc COPY SELECT * %,.0f (ratio %.2f)%n", bestSource, bestCopy, bestSource / bestCopy, bestPlain,
                bestSource / bestPlain);
        System.out.printf("best guest code CPU: this module %,.0f ns/row%s%n", bestNs, compare == null ? ""
                : String.format(", compared module %,.0f ns/row (this / compared = %.2f)", bestCompareNs,
                        bestNs / bestCompareNs));
        System.exit(0);
    }

    /**
     * {@code cpuNanos}: CPU time of the thread that ran the guest (the host's side only), or -1;
     * {@code guestCodeNanos}: CPU of the guest's own code ({@code GuestClock}), -1 for pgjdbc;
     * {@code allocated}: heap bytes that thread allocated (guest memory and instantiation included), or -1.
     */
    private record Measure(long rows, long bytes, long nanos, long cpuNanos, long guestCodeNanos, long allocated) {
        double rowsPerSecond() {
            return rows * 1e9 / nanos;
        }

        double guestCodeNsPerRow() {
            return (double) guestCodeNanos / rows;
        }

        @Override
        public String toString() {
            return String.format("%,10.0f rows/s %7.1f MB/s (%5.2f s%s, %,d bytes)", rowsPerSecond(),
                    bytes / 1e6 * 1e9 / nanos, nanos / 1e9,
                    cpuNanos < 0 ? "" : String.format(", guest thread CPU %.2f s = %,.0f rows/CPU-s", cpuNanos / 1e9,
                            rows * 1e9 / cpuNanos)
                            + (guestCodeNanos < 0 ? "" : String.format(", guest code %,.0f ns/row", guestCodeNsPerRow())),
                    bytes)
                    + (allocated < 0 ? "" : String.format(", host allocation %,.0f B/row", (double) allocated / rows));
        }
    }

    private static Measure copyManager(TestPostgres pg, String db, String sql) throws Exception {
        try (Connection c = pg.connect(db)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            CountingSink sink = new CountingSink();
            long start = System.nanoTime();
            long rows = copy.copyOut(sql, sink);
            return new Measure(rows, sink.bytes, System.nanoTime() - start, -1, -1, -1);
        }
    }

    /** @param reusableBytes the instance's {@link FrameLimits#reusableBytes()} (0: every buffer new, the before) */
    private static Measure connector(ConnectorModule module, String config, int port, long reusableBytes) {
        CountingOutput out = new CountingOutput();
        HostListener quiet = new HostListener() {
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
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long allocatedStart = ThreadAllocation.currentThread();
        try (ConnectorInstance source = ConnectorInstance.builder(module, Role.SOURCE)
                .name("source-postgres-bench")
                .limits(InstanceLimits.DEFAULT.withFrames(FrameLimits.DEFAULT.withReusableBytes(reusableBytes)))
                .network(NetworkAcl.of(List.of("127.0.0.1:" + port)), SocketOptions.DEFAULT)
                .listener(quiet)
                .output(out)
                .build()) {
            source.open(config);
            long guestBefore = source.clock().guestCodeCpuNanos(); // run-read only: not start-up and SCRAM
            ReadSummary summary = source.runRead("{\"stream\":\"public." + TABLE + "\",\"limits\":null,\"resume\":null}");
            return new Measure(summary.recordsRead(), out.bytes, System.nanoTime() - start,
                    threads.getCurrentThreadCpuTime() - cpuStart, source.clock().guestCodeCpuNanos() - guestBefore,
                    ThreadAllocation.currentThread() - allocatedStart);
        }
    }

    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static final class CountingOutput implements BatchOutput {
        long bytes;

        @Override
        public void emit(FramePayload batch) {
            bytes += batch.length();
        }

        @Override
        public void finish() {
        }

        @Override
        public void fail(Throwable cause) {
        }
    }
}
