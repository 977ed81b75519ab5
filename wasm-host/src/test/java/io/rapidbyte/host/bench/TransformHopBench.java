package io.rapidbyte.host.bench;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.BatchTransform;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.ProbeDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one transform hop costs when transforms run inside another stage
 * ({@link BatchTransform#runTransform}, as the Connect tasks chain them): the probe source
 * {@code generate}s 1 MiB batches, each of its {@code emit-batch} calls pushes the batch through
 * 0, 1 or 2 probe transforms that {@code forward} it (next-batch, one frame-read, one
 * frame-write, emit-batch), synchronously on the source's thread. Prints the time per batch of
 * each chain length and the difference per hop, all in one run.
 *
 * <p>Not a test. Run with:
 * <pre>
 * mvn -o -q -pl wasm-host test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rapidbyte.host.bench.TransformHopBench [-Dexec.args="128 5"]
 * </pre>
 * Arguments: batches per run (default 128), measured runs per chain length (default 5).
 */
public final class TransformHopBench {
    private static final int MIB = 1024 * 1024;
    private static final String CTX = "{\"stream\":\"bench\",\"limits\":{},\"resume\":null}";
    private static final HostListener QUIET = new HostListener() {
        @Override
        public void onMetric(String connector, String payloadJson) {
            // The probe reports every step; keep the console quiet.
        }
    };

    private TransformHopBench() {
    }

    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ProbeDriver.module();
        double[] best = new double[3];
        for (int hops = 0; hops < best.length; hops++) {
            run(batches, hops); // warm-up: JIT of this chain length
            best[hops] = Double.MAX_VALUE;
            for (int i = 0; i < runs; i++) {
                best[hops] = Math.min(best[hops], run(batches, hops));
            }
        }
        for (int hops = 0; hops < best.length; hops++) {
            double perBatchUs = best[hops] / batches / 1e3;
            System.out.printf(Locale.ROOT, "%d hop(s): %d x 1 MiB in %.0f ms (best of %d): %.0f us per batch, %.0f MB/s%s%n",
                    hops, batches, best[hops] / 1e6, runs, perBatchUs, (double) batches * MIB / 1e6 / (best[hops] / 1e9),
                    hops == 0 ? "" : String.format(Locale.ROOT, "; +%.0f us per batch per hop",
                            (best[hops] - best[0]) / hops / batches / 1e3));
        }
    }

    /** One source run through {@code hops} transforms; nanoseconds. */
    private static long run(int batches, int hops) {
        List<BatchTransform> chain = new ArrayList<>();
        try {
            for (int i = 0; i < hops; i++) {
                BatchTransform t = BatchTransform.build(ConnectorInstance.builder(ProbeDriver.module(), Role.TRANSFORM)
                        .name("tx" + i).listener(QUIET));
                chain.add(t);
                t.open(ProbeDriver.script(ProbeDriver.op("forward")));
            }
            long[] delivered = new long[1];
            BatchOutput out = new BatchOutput() {
                @Override
                public void emit(FramePayload batch) {
                    List<FramePayload> current = List.of(batch);
                    for (BatchTransform t : chain) {
                        List<FramePayload> next = new ArrayList<>();
                        for (FramePayload p : current) {
                            next.addAll(t.runTransform(CTX, p).outputs());
                        }
                        current = next;
                    }
                    current.forEach(p -> delivered[0] += p.length());
                }

                @Override
                public void finish() {
                }

                @Override
                public void fail(Throwable cause) {
                }
            };
            try (ConnectorInstance source = ConnectorInstance.builder(ProbeDriver.module(), Role.SOURCE).name("src")
                    .listener(QUIET).output(out).build()) {
                source.open(ProbeDriver.script(ProbeDriver.op("generate", "batches", batches, "size", MIB)));
                long t0 = System.nanoTime();
                source.runRead(CTX);
                long elapsed = System.nanoTime() - t0;
                if (delivered[0] != (long) batches * MIB) {
                    throw new IllegalStateException("delivered " + delivered[0] + " bytes, expected " + (long) batches * MIB);
                }
                return elapsed;
            }
        } finally {
            chain.forEach(BatchTransform::close);
        }
    }
}
