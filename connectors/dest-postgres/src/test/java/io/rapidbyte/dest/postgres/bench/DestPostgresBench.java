package io.rapidbyte.dest.postgres.bench;

import io.rapidbyte.host.channels.StageChannel;
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
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.host.types.WriteSummary;
import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.postgres.wire.BinaryCopyWriter;
import io.rapidbyte.postgres.wire.CopyDataSink;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Benchmark (not a test): rows/s and MB/s of dest-postgres.wasm loading pre-built Arrow frames
 * into embedded PostgreSQL 17 through the real host, beside plain {@code COPY ... FROM STDIN} of
 * the same rows through pgjdbc's CopyManager (binary and CSV, both pre-encoded in memory, so the
 * baseline is the server's ingest speed plus the driver). MB/s counts Arrow IPC bytes for every
 * line so the ratio compares like with like.
 *
 * <pre>
 * MAVEN_OPTS="--add-opens=java.base/java.nio=ALL-UNNAMED" mvn -o -q -pl connectors/dest-postgres \
 *     test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.dest.postgres.bench.DestPostgresBench \
 *     [-Dbench.rows=1000000 -Dbench.reps=3 -Dbench.frameRows=10000] [-Dbench.compare=/other/dest-postgres.wasm]
 * </pre>
 * Besides rows/s it prints the CPU time of the guest's own code per row (wasm-host's GuestClock:
 * run-write's CPU minus its host functions'), the figure machine load does not distort. With
 * {@code -Dbench.compare} the other module (e.g. one built from an older commit) loads the same
 * frames in every repetition right after this one, in the same JVM: a before/after of the
 * destination's hot paths (IPC decoding, encoders, COPY writer).
 * Settings are system properties, not {@code exec.args}: that property would also replace the
 * arguments of the module's wasm-build exec execution. Defaults: 1,000,000 rows, 2 untimed warm-up
 * runs of dest-postgres (the JVM JIT-compiles the guest meanwhile), 3 repetitions (best
 * reported), 10,000 rows per frame. Each repetition prints the guest thread's host allocation per
 * row with the host's buffer reuse, then again without it (every socket-written frame in a new
 * array: the before).
 */
public final class DestPostgresBench {
    private static final int WARM_UP_RUNS = Integer.getInteger("bench.warmups", 2);
    /** Guest code CPU nanoseconds of the last {@link #runDest}. */
    private static long lastGuestCodeNanos;
    private static final String COLUMNS = "(id bigint, name text, amount numeric(12,2), ts timestamptz, flag boolean, "
            + "qty integer, score double precision)";

    public static void main(String[] args) throws Exception {
        long totalRows = Long.getLong("bench.rows", 1_000_000);
        int reps = Integer.getInteger("bench.reps", 3);
        int perFrame = Integer.getInteger("bench.frameRows", 10_000);
        TestPostgres pg = TestPostgres.shared();
        String db = pg.createDatabase("bench");
        pg.execute(db, "CREATE TABLE public.bench_dest " + COLUMNS + "; CREATE TABLE public.bench_jdbc " + COLUMNS);

        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        StringBuilder csv = new StringBuilder();
        long ipcBytes = 0;
        for (long start = 0; start < totalRows; start += perFrame) {
            int n = (int) Math.min(perFrame, totalRows - start);
            byte[] f = frame(start, n, frames.size() + 1);
            frames.add(f);
            ipcBytes += f.length;
        }
        encodeBaseline(totalRows, binary, csv);
        byte[] binaryCopy = binary.toByteArray();
        byte[] csvCopy = csv.toString().getBytes(StandardCharsets.UTF_8);
        System.out.printf("%,d rows in %d frames: %.1f MB Arrow IPC; same rows as binary COPY %.1f MB, CSV %.1f MB%n",
                totalRows, frames.size(), ipcBytes / 1e6, binaryCopy.length / 1e6, csvCopy.length / 1e6);

        ConnectorModule module = io.rapidbyte.dest.postgres.DestHarness.module();
        String config = "{\"host\":\"" + pg.host() + "\",\"port\":" + pg.port() + ",\"database\":\"" + db
                + "\",\"user\":\"postgres\",\"table_mapping\":{\"bench.rows\":\"bench_dest\"}}";
        String comparePath = System.getProperty("bench.compare", "").trim();
        ConnectorModule compare = comparePath.isEmpty() ? null : ConnectorModule.load(
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of(comparePath))).requireRole(Role.DESTINATION);
        for (int w = 0; w < WARM_UP_RUNS; w++) { // the JVM compiles the guest's hot functions during these
            for (ConnectorModule m : compare == null ? List.of(module) : List.of(module, compare)) {
                pg.execute(db, "TRUNCATE public.bench_dest; DROP TABLE IF EXISTS public._rapidbyte_watermarks");
                runDest(pg, db, m, config, frames, "warm-up", FrameLimits.DEFAULT_REUSABLE_BYTES);
            }
        }
        double bestNs = Double.MAX_VALUE;
        double bestCompareNs = Double.MAX_VALUE;

        double bestDest = 0;
        double bestBinary = 0;
        double bestCsv = 0;
        for (int r = 0; r < reps; r++) {
            pg.execute(db, "TRUNCATE public.bench_dest; DROP TABLE IF EXISTS public._rapidbyte_watermarks; CHECKPOINT");
            double s = runDest(pg, db, module, config, frames, "run-" + r, FrameLimits.DEFAULT_REUSABLE_BYTES);
            bestDest = Math.max(bestDest, totalRows / s);
            double ns = (double) lastGuestCodeNanos / totalRows;
            bestNs = Math.min(bestNs, ns);
            System.out.printf("dest-postgres      rep %d: %6.2f s  %,12.0f rows/s  %7.1f MB/s  guest code %,.0f ns/row%n", r,
                    s, totalRows / s, ipcBytes / 1e6 / s, ns);
            if (compare != null) {
                pg.execute(db, "TRUNCATE public.bench_dest; DROP TABLE IF EXISTS public._rapidbyte_watermarks; CHECKPOINT");
                double cs = runDest(pg, db, compare, config, frames, "compare-" + r,
                        FrameLimits.DEFAULT_REUSABLE_BYTES);
                double cns = (double) lastGuestCodeNanos / totalRows;
                bestCompareNs = Math.min(bestCompareNs, cns);
                System.out.printf("compared module    rep %d: %6.2f s  %,12.0f rows/s  %7.1f MB/s  guest code %,.0f ns/row%n",
                        r, cs, totalRows / cs, ipcBytes / 1e6 / cs, cns);
            }
            // The before, in the same JVM: every socket-written frame in a new array.
            pg.execute(db, "TRUNCATE public.bench_dest; DROP TABLE IF EXISTS public._rapidbyte_watermarks; CHECKPOINT");
            s = runDest(pg, db, module, config, frames, "run-" + r + " without host buffer reuse", 0);
            System.out.printf("dest-postgres      rep %d without host buffer reuse: %6.2f s  %,12.0f rows/s%n", r, s,
                    totalRows / s);

            pg.execute(db, "TRUNCATE public.bench_jdbc; CHECKPOINT");
            s = jdbcCopy(pg, db, "COPY public.bench_jdbc FROM STDIN (FORMAT binary)", binaryCopy);
            bestBinary = Math.max(bestBinary, totalRows / s);
            System.out.printf("pgjdbc COPY binary rep %d: %6.2f s  %,12.0f rows/s  %7.1f MB/s%n", r, s, totalRows / s,
                    ipcBytes / 1e6 / s);

            pg.execute(db, "TRUNCATE public.bench_jdbc; CHECKPOINT");
            s = jdbcCopy(pg, db, "COPY public.bench_jdbc FROM STDIN (FORMAT csv)", csvCopy);
            bestCsv = Math.max(bestCsv, totalRows / s);
            System.out.printf("pgjdbc COPY csv    rep %d: %6.2f s  %,12.0f rows/s  %7.1f MB/s%n", r, s, totalRows / s,
                    ipcBytes / 1e6 / s);
        }
        double rowBytes = (double) ipcBytes / totalRows;
        System.out.printf("%nbest of %d: dest-postgres %,.0f rows/s (%.1f MB/s), pgjdbc binary %,.0f rows/s (%.1f MB/s), "
                        + "pgjdbc csv %,.0f rows/s (%.1f MB/s)%n", reps, bestDest, bestDest * rowBytes / 1e6, bestBinary,
                bestBinary * rowBytes / 1e6, bestCsv, bestCsv * rowBytes / 1e6);
        System.out.printf("ratio dest-postgres / pgjdbc binary COPY = %.2f, / pgjdbc csv COPY = %.2f%n",
                bestDest / bestBinary, bestDest / bestCsv);
        System.out.printf("best guest code CPU: this module %,.0f ns/row%s%n", bestNs, compare == null ? ""
                : String.format(", compared module %,.0f ns/row (this / compared = %.2f)", bestCompareNs,
                        bestNs / bestCompareNs));
        System.exit(0);
    }

    /** @param reusableBytes the instance's {@link FrameLimits#reusableBytes()} (0: every buffer new, the before) */
    private static double runDest(TestPostgres pg, String db, ConnectorModule module, String config, List<byte[]> frames,
            String run, long reusableBytes) throws Exception {
        StageChannel channel = new StageChannel(8);
        Thread feeder = new Thread(() -> {
            try {
                for (byte[] f : frames) {
                    channel.emit(FramePayload.wrap(f));
                }
                channel.finish();
            } catch (InterruptedException e) {
                channel.fail(e);
            }
        }, "bench-feeder");
        try (ConnectorInstance dest = ConnectorInstance.builder(module, Role.DESTINATION)
                .name("dest-postgres")
                .limits(InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMinutes(30))
                        .withFrames(FrameLimits.DEFAULT.withReusableBytes(reusableBytes)))
                .network(NetworkAcl.of(List.of(pg.host() + ":" + pg.port())),
                        new SocketOptions(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMillis(20), 4))
                .listener(new HostListener() {
                    @Override
                    public void onLog(String c, io.rapidbyte.host.types.LogLevel l, String m) {
                    }

                    @Override
                    public void onCheckpoint(String c, io.rapidbyte.host.types.CheckpointKind k, String s, String p) {
                    }

                    @Override
                    public void onMetric(String c, String p) {
                    }
                })
                .input(channel)
                .build()) {
            dest.open(config);
            long guestBefore = dest.clock().guestCodeCpuNanos();
            String ctx = StreamLimits.DEFAULT.contextJson("bench.rows", null);
            long t0 = System.nanoTime();
            long allocatedStart = ThreadAllocation.currentThread();
            feeder.start();
            WriteSummary s = dest.runWrite(ctx);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long allocated = ThreadAllocation.currentThread() - allocatedStart;
            feeder.join();
            lastGuestCodeNanos = dest.clock().guestCodeCpuNanos() - guestBefore;
            System.out.printf("dest-postgres      %s: host allocation on the guest's thread %,.0f B/row"
                    + " (host buffers reused: %,.0f B/row)%n", run, (double) allocated / Math.max(1, s.recordsWritten()),
                    (double) dest.reusedBufferBytes() / Math.max(1, s.recordsWritten()));
            if (s.batchesWritten() != frames.size()) {
                throw new IllegalStateException(run + ": wrote " + s.batchesWritten() + " of " + frames.size() + " frames");
            }
            return seconds;
        }
    }

    private static double jdbcCopy(TestPostgres pg, String db, String sql, byte[] data) throws Exception {
        try (Connection c = pg.connect(db)) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long t0 = System.nanoTime();
            long rows = copy.copyIn(sql, new ByteArrayInputStream(data), 256 * 1024);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (rows <= 0) {
                throw new IllegalStateException("COPY wrote no rows");
            }
            return seconds;
        }
    }

    // ---- data: the same rows three ways ------------------------------------------------------------

    static long id(long i) {
        return i + 1;
    }

    static String name(long i) {
        return "customer-" + (i * 7919 % 100_000) + (i % 3 == 0 ? " \u00e9t\u00e9" : "");
    }

    static long cents(long i) {
        return (i * 104_729) % 100_000_000 - 50_000_000;
    }

    static long tsMicros(long i) {
        return 1_700_000_000_000_000L + i * 1_000_003L;
    }

    static byte[] frame(long start, int n, long seq) throws IOException {
        Schema schema = new Schema(List.of(
                new Field("id", FieldType.notNullable(new ArrowType.Int(64, true)), null),
                Field.nullable("name", ArrowType.Utf8.INSTANCE),
                Field.nullable("amount", new ArrowType.Decimal(12, 2, 128)),
                Field.nullable("ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                Field.nullable("flag", ArrowType.Bool.INSTANCE),
                Field.nullable("qty", new ArrowType.Int(32, true)),
                Field.nullable("score", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE))),
                Map.of("rapidbyte.stream", "bench.rows", "rapidbyte.sync_run", "bench", "rapidbyte.seq", Long.toString(seq)));
        try (RootAllocator alloc = new RootAllocator(); VectorSchemaRoot root = VectorSchemaRoot.create(schema, alloc)) {
            BigIntVector id = (BigIntVector) root.getVector(0);
            VarCharVector name = (VarCharVector) root.getVector(1);
            DecimalVector amount = (DecimalVector) root.getVector(2);
            TimeStampMicroTZVector ts = (TimeStampMicroTZVector) root.getVector(3);
            BitVector flag = (BitVector) root.getVector(4);
            IntVector qty = (IntVector) root.getVector(5);
            Float8Vector score = (Float8Vector) root.getVector(6);
            root.allocateNew();
            for (int k = 0; k < n; k++) {
                long i = start + k;
                id.setSafe(k, id(i));
                name.setSafe(k, name(i).getBytes(StandardCharsets.UTF_8));
                amount.setSafe(k, BigDecimal.valueOf(cents(i), 2));
                ts.setSafe(k, tsMicros(i));
                flag.setSafe(k, i % 2 == 0 ? 1 : 0);
                if (i % 10 == 0) {
                    qty.setNull(k);
                } else {
                    qty.setSafe(k, (int) (i % 1000));
                }
                score.setSafe(k, i / 3.0);
            }
            root.setRowCount(n);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter w = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                w.start();
                w.writeBatch();
                w.end();
            }
            return out.toByteArray();
        }
    }

    static void encodeBaseline(long totalRows, ByteArrayOutputStream binary, StringBuilder csv) throws Exception {
        CopyDataSink sink = (buf, off, len) -> binary.write(buf, off, len);
        BinaryCopyWriter w = new BinaryCopyWriter(sink);
        PgNumeric num = new PgNumeric();
        for (long i = 0; i < totalRows; i++) {
            w.startTuple(7);
            w.writeInt8(id(i));
            w.writeText(name(i));
            w.writeNumeric(num.setUnscaled(cents(i), 2));
            w.writeTimestamp(TemporalCodec.unixMicrosToTimestamp(tsMicros(i)));
            w.writeBool(i % 2 == 0);
            if (i % 10 == 0) {
                w.writeNull();
            } else {
                w.writeInt4((int) (i % 1000));
            }
            w.writeFloat8(i / 3.0);
            w.endTuple();
            csv.append(id(i)).append(',').append(name(i)).append(',').append(BigDecimal.valueOf(cents(i), 2)).append(',')
                    .append(java.time.Instant.EPOCH.plus(tsMicros(i), java.time.temporal.ChronoUnit.MICROS)).append(',')
                    .append(i % 2 == 0).append(',').append(i % 10 == 0 ? "" : Long.toString(i % 1000)).append(',')
                    .append(i / 3.0).append('\n');
        }
        w.finish();
    }
}
