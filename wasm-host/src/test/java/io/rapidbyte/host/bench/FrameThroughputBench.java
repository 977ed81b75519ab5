package io.rapidbyte.host.bench;

import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageReport;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.testing.ProbeDriver;
import io.rapidbyte.host.types.StreamLimits;
import java.util.Locale;

/**
 * Throughput of the V3 frame path through real wasm: the probe source {@code generate}s 1 MiB
 * batches (frame-new → frame-write → frame-seal → emit-batch), optionally a probe transform
 * {@code forward}s them (next-batch → emit-batch, no payload copy), and the probe destination
 * {@code drain}s them (next-batch → frame-read). Prints MB/s and host copies per payload byte,
 * then the same path with hand-assembled guests that never touch the payload ({@link
 * HostPathGuests}), i.e. the host's own ceiling.
 *
 * <p>Not a test. Run with:
 * <pre>
 * mvn -o -q -pl wasm-host test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.host.bench.FrameThroughputBench [-Dexec.args="256 5"]
 * </pre>
 * Arguments: batches per run (default 256), measured runs (default 5).
 */
public final class FrameThroughputBench {
    private static final int MIB = 1024 * 1024;

    private FrameThroughputBench() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long start = System.nanoTime();
        ProbeDriver.module();
        System.out.printf(Locale.ROOT, "probe module compiled in %.1f s%n", (System.nanoTime() - start) / 1e9);
        bench("source -> dest", batches, runs, false);
        bench("source -> transform -> dest", batches, runs, true);
        hostPath(batches, runs);
    }

    /**
     * The same frame path with guests that never touch the payload: what the host itself costs
     * (the probe's guest-side copying and checksumming dominate the numbers above).
     */
    private static void hostPath(int batches, int runs) {
        PipelineRunner runner = PipelineRunner.builder("bench-host")
                .source(StageSpec.of("src", ConnectorModule.load(HostPathGuests.source(batches, MIB)), "{}"))
                .destination(StageSpec.of("dst", ConnectorModule.load(HostPathGuests.destination(MIB)), "{}"))
                .streamLimits(new StreamLimits(2L * MIB, 1_000_000, 4, 0, 0, 0))
                .build();
        report("host path only (no guest work)", batches, runs, runner);
    }

    private static void bench(String name, int batches, int runs, boolean transform) {
        PipelineRunner.Builder builder = PipelineRunner.builder("bench")
                .source(StageSpec.of("src", ProbeDriver.module(),
                        ProbeDriver.script(ProbeDriver.op("generate", "batches", batches, "size", MIB))))
                .destination(StageSpec.of("dst", ProbeDriver.module(), ProbeDriver.script(ProbeDriver.op("drain"))))
                .streamLimits(new StreamLimits(2L * MIB, 1_000_000, 4, 0, 0, 0))
                .listener(new HostListener() {
                    @Override
                    public void onMetric(String connector, String payloadJson) {
                        // The probe reports every step; keep the console quiet.
                    }
                });
        if (transform) {
            builder.transform(StageSpec.of("tx", ProbeDriver.module(), ProbeDriver.script(ProbeDriver.op("forward"))));
        }
        report(name, batches, runs, builder.build());
    }

    private static void report(String name, int batches, int runs, PipelineRunner runner) {
        long payload = (long) batches * MIB;
        runner.run("bench");  // warm-up: JIT of the compiled guest classes and the host path
        double best = 0;
        double total = 0;
        PipelineResult last = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            last = runner.run("bench");
            double mbs = payload / 1e6 / ((System.nanoTime() - t0) / 1e9);
            best = Math.max(best, mbs);
            total += mbs;
        }
        long copied = last.guestToHostBytes() + last.hostToGuestBytes() + last.internalCopyBytes();
        System.out.printf(Locale.ROOT, "%-31s %d x 1 MiB: mean %.0f MB/s, best %.0f MB/s; copied %.3f bytes per payload"
                        + " byte (guest->host %.3f, host->guest %.3f, internal %.3f)%n",
                name, batches, total / runs, best, (double) copied / payload,
                (double) last.guestToHostBytes() / payload, (double) last.hostToGuestBytes() / payload,
                (double) last.internalCopyBytes() / payload);
        for (StageReport s : last.stages()) {
            System.out.printf(Locale.ROOT, "    %-4s %-11s guest time %5d ms  host allocation %.3f bytes per payload"
                    + " byte (guest memory and instantiation included)  %s%n", s.name(), s.role(),
                    s.timeInGuest().toMillis(), (double) s.allocatedBytes() / payload, s.summary());
        }
    }
}
