package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageReport;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.types.StreamLimits;
import java.util.Locale;

/**
 * Measurements, not a test: module sizes, startup (parse + compile, then instantiate + {@code _start})
 * in a fresh JVM, and rows/s and MB/s of generator → verify and generator → filter → verify through
 * {@link PipelineRunner}. Run:
 *
 * <pre>
 * mvn -o -q -pl connectors/examples/pipeline-tests test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.examples.pipeline.ExamplesBench [-Dexec.args="rows repeats"]
 * </pre>
 *
 * Defaults: 1,000,000 rows, 3 measured repeats after one warm-up run; {@link StreamLimits#DEFAULT}
 * (batches under 1000 KiB and 10,000 rows). MB is 10^6 bytes of Arrow IPC as emitted by the source.
 * Finally each stage runs alone (at most 200,000 rows, the consumers replaying the generator's
 * captured frames), which shows what each guest costs without competing for a core.
 */
public final class ExamplesBench {
    private static final HostListener QUIET = new HostListener() {
        @Override
        public void onCheckpoint(String connector, io.rapidbyte.host.types.CheckpointKind kind, String stream,
                String payloadJson) {
        }

        @Override
        public void onMetric(String connector, String payloadJson) {
        }
    };

    private ExamplesBench() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf(Locale.ROOT, "JVM %s, %d cores%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());
        startup(ExampleModules.GENERATOR, Role.SOURCE);
        startup(ExampleModules.FILTER, Role.TRANSFORM);
        startup(ExampleModules.VERIFY, Role.DESTINATION);

        String gen = "{\"rows\": " + rows + ", \"batch_rows\": 10000}";
        String genWarm = "{\"rows\": " + Math.min(rows, 200_000) + ", \"batch_rows\": 10000}";
        String filter = "{\"columns\": [\"id\", \"i32\", \"name\", \"amount\", \"scores\"],"
                + " \"filter\": {\"column\": \"i32\", \"op\": \"gt\", \"value\": 0}}";
        throughput("generator -> verify", genWarm, gen, null, repeats);
        throughput("generator -> filter -> verify", genWarm, gen, filter, repeats);
        stagesAlone(Math.min(rows, 200_000), filter, repeats);
    }

    /** Each stage on its own (no other stage competing for a core): where the pipeline's time goes. */
    private static void stagesAlone(long rows, String filterConfig, int repeats) {
        String config = "{\"rows\": " + rows + ", \"batch_rows\": 10000}";
        String ctx = StreamLimits.DEFAULT.contextJson(GeneratorRun.STREAM, null);
        GeneratorRun captured = GeneratorRun.of(config, StreamLimits.DEFAULT, null);
        long bytes = captured.summary().bytesRead();
        for (int i = 0; i <= repeats; i++) {
            long t0 = System.nanoTime();
            try (ConnectorInstance gen = ConnectorInstance.builder(ExampleModules.generator(), Role.SOURCE)
                    .listener(QUIET).output(new Discard()).build()) {
                gen.open(config);
                gen.runRead(ctx);
            }
            long t1 = System.nanoTime();
            try (ConnectorInstance filter = ConnectorInstance.builder(ExampleModules.filter(), Role.TRANSFORM)
                    .listener(QUIET).input(replay(captured)).output(new Discard()).build()) {
                filter.open(filterConfig);
                filter.runTransform(ctx);
            }
            long t2 = System.nanoTime();
            try (ConnectorInstance verify = ConnectorInstance.builder(ExampleModules.verify(), Role.DESTINATION)
                    .listener(QUIET).input(replay(captured)).build()) {
                verify.open("{}");
                verify.runWrite(ctx);
            }
            long t3 = System.nanoTime();
            if (i > 0) {
                System.out.printf(Locale.ROOT, "stages alone, %,d rows (%.1f MB): generator %,.0f rows/s, filter %,.0f"
                        + " rows/s, verify %,.0f rows/s%n", rows, bytes / 1e6, rows / ((t1 - t0) / 1e9),
                        rows / ((t2 - t1) / 1e9), rows / ((t3 - t2) / 1e9));
            }
        }
    }

    /** A finished channel holding {@code run}'s frames, for a consumer stage run alone. */
    private static StageChannel replay(GeneratorRun run) {
        StageChannel channel = new StageChannel(run.frames().size() + 1);
        try {
            for (FramePayload f : run.frames()) {
                channel.emit(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        channel.finish();
        return channel;
    }

    /** Drops every batch: a source measured without a consumer. */
    private static final class Discard implements BatchOutput {
        @Override
        public void emit(FramePayload batch) {
        }

        @Override
        public void finish() {
        }

        @Override
        public void fail(Throwable cause) {
        }
    }

    private static void startup(String name, Role role) {
        byte[] bytes = ExampleModules.bytes(name);
        long t0 = System.nanoTime();
        ConnectorModule module = ConnectorModule.load(bytes);
        long parseCompile = System.nanoTime() - t0;
        t0 = System.nanoTime();
        ConnectorModule.load(bytes);
        long cachedLoad = System.nanoTime() - t0;
        long firstInstance = instantiate(module, role);
        int n = 10;
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += instantiate(module, role);
        }
        System.out.printf(Locale.ROOT, "%-18s %8d bytes  parse+compile %7.1f ms  cached load %5.2f ms"
                        + "  instantiate+_start first %6.1f ms, then %5.1f ms (mean of %d)%n",
                name + ".wasm", bytes.length, ms(parseCompile), ms(cachedLoad), ms(firstInstance), ms(total / n), n);
    }

    private static long instantiate(ConnectorModule module, Role role) {
        long t0 = System.nanoTime();
        ConnectorInstance instance = ConnectorInstance.builder(module, role).listener(QUIET).build();
        long elapsed = System.nanoTime() - t0;
        instance.close();
        return elapsed;
    }

    private static void throughput(String label, String warmConfig, String config, String filterConfig, int repeats) {
        run(warmConfig, filterConfig);
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            PipelineResult r = run(config, filterConfig);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = r.read().recordsRead();
            long bytes = r.read().bytesRead();
            long batches = r.read().batchesEmitted();
            StringBuilder guest = new StringBuilder();
            StringBuilder allocation = new StringBuilder();
            for (StageReport s : r.stages()) {
                guest.append(String.format(Locale.ROOT, " %s %.2fs", s.name(), s.timeInGuest().toNanos() / 1e9));
                allocation.append(String.format(Locale.ROOT, " %s %.0f", s.name(), (double) s.allocatedBytes() / rows));
            }
            System.out.printf(Locale.ROOT, "%-30s %,d rows in %.2f s: %,.0f rows/s, %.1f MB/s (%d batches of %.0f KB);"
                            + " in guest:%s; host allocation B/row:%s%n", label, rows, seconds, rows / seconds,
                    bytes / seconds / 1e6, batches, bytes / 1e3 / batches, guest, allocation);
        }
    }

    private static PipelineResult run(String generatorConfig, String filterConfig) {
        PipelineRunner.Builder b = PipelineRunner.builder("bench").listener(QUIET).streamLimits(StreamLimits.DEFAULT)
                .source(StageSpec.of("gen", ExampleModules.generator(), generatorConfig));
        if (filterConfig != null) {
            b.transform(StageSpec.of("filter", ExampleModules.filter(), filterConfig));
        }
        return b.destination(StageSpec.of("verify", ExampleModules.verify(), "{}")).build().run(GeneratorRun.STREAM);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
