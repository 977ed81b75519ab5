package io.rapidbyte.it.bench;

import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.demo.DemoOptions;
import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.Environments;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The end-to-end benchmark (not a test; {@code mvn -B verify -Pbench [-Dbench.rows=…]}): for each
 * size, source-postgres → Kafka → dest-postgres through a real worker, timed from
 * {@code POST /connectors} to the last committed row, beside the physical reference
 * ({@link CopyPipeReference}) on the same table; prints rows/s, MB/s, the ratio and the peak heap
 * of the JVM hosting the worker, per run where the time went ({@link Breakdown}) and what it cost
 * ({@link RunCost}: host allocation per row by thread group, CPU, GC, guest memory, bytes on the
 * broker). Then {@link CodecSweep} runs the chain once per payload variant (Kafka compression codec,
 * producer batch size, host buffer reuse), and {@link BodyCompressionSweep} measures Arrow IPC body
 * compression on the last variant's batches ({@code -Dbench.bodyCompression=false} skips it). One
 * unreported 50,000-row run first warms the JIT unless {@code -Dbench.warmup=false} (to see a cold
 * start).
 */
public final class EndToEndBench {
    private static final long WARM_UP_ROWS = 50_000;

    private record Row(long rows, ChainRun.Outcome chain, double referenceSeconds, long peakHeap) {
    }

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        DemoOptions options = DemoOptions.parse(args);
        CodecSweep sweep = CodecSweep.fromSystemProperties();
        List<Row> results = new ArrayList<>();
        List<RunCost.Figures> costs = new ArrayList<>();
        int status = 0;
        try (ConnectEnvironment env = Environments.start(options.pluginPath(), options.configDir())) {
            ConnectRest rest = new ConnectRest(env::restUrl);
            Secrets secrets = Secrets.create(Files.createTempDirectory("rapidbyte-bench"));
            System.out.println("environment: " + env.describe() + "; " + Runtime.getRuntime().availableProcessors()
                    + " CPUs; max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
            if (Boolean.parseBoolean(System.getProperty("bench.warmup", "true"))) {
                chain(env, rest, secrets, options, "warmup", WARM_UP_ROWS, p -> { }, null);
            }
            for (int i = 0; i < options.rows().length; i++) {
                long rows = options.rows()[i];
                // A new name per run: Connect keeps a deleted connector's offsets, so a connector
                // re-created under an old name would resume (here: find its full refresh finished).
                String db = "bench_" + (i + 1) + "_" + rows;
                ChainRun.Outcome outcome;
                long peak;
                RunCost cost = new RunCost(String.format("%,d rows, shipped payloads", rows), env.bootstrapServers());
                try (HeapPeak heap = new HeapPeak()) {
                    outcome = chain(env, rest, secrets, options, db, rows, p -> { }, cost);
                    peak = heap.peakBytes();
                }
                costs.add(cost.figures());
                if (!outcome.diff().equal()) {
                    System.out.println("MISMATCH at " + rows + " rows: " + outcome.diff());
                    status = 1;
                }
                env.postgres().execute(db, "CHECKPOINT");
                double reference = CopyPipeReference.run(env.postgres(), db, SampleTable.TABLE, "reference.orders");
                results.add(new Row(rows, outcome, reference, peak));
                print(results);
                CostTable.print(System.out, costs);
            }
            TransformHops hops = TransformHops.fromSystemProperties();
            List<String> hopNames = new ArrayList<>();
            List<ChainRun.Outcome> hopOutcomes = new ArrayList<>();
            for (TransformHops.Variant variant : hops.variants()) {
                String db = "bench_transform_" + (hopNames.size() + 1);
                ChainRun.Outcome outcome = chain(env, rest, secrets, options, db, hops.rows(), variant.adjust(), null);
                if (!outcome.diff().equal()) {
                    System.out.println("MISMATCH with " + variant.name() + ": " + outcome.diff());
                    status = 1;
                }
                hopNames.add(variant.name());
                hopOutcomes.add(outcome);
            }
            if (!hopOutcomes.isEmpty()) {
                TransformHops.print(System.out, hops.rows(), hopNames, hopOutcomes);
            }
            List<RunCost.Figures> sweepCosts = new ArrayList<>();
            for (String codec : sweep.codecs()) {
                String db = "bench_codec_" + codec.replace(':', '_');
                RunCost cost = new RunCost(String.format("%,d rows, %s", sweep.rows(), CodecSweep.describe(codec)),
                        env.bootstrapServers());
                ChainRun.Outcome outcome = chain(env, rest, secrets, options, db, sweep.rows(),
                        p -> CodecSweep.apply(p, codec), cost);
                if (!outcome.diff().equal()) {
                    System.out.println("MISMATCH with " + codec + ": " + outcome.diff());
                    status = 1;
                }
                sweepCosts.add(cost.figures());
                CostTable.print(System.out, sweepCosts);
            }
            if (!sweepCosts.isEmpty() && Boolean.parseBoolean(System.getProperty("bench.bodyCompression", "true"))) {
                RunCost.Figures last = sweepCosts.get(sweepCosts.size() - 1);
                if (!BodyCompressionSweep.run(System.out, env.bootstrapServers(), last.topic(), last.batches(),
                        last.cost().rows())) {
                    status = 1;
                }
            }
        }
        System.exit(status);
    }

    /**
     * @param adjust changes the payloads before they are deployed
     * @param cost   measures the run (null: not measured)
     */
    private static ChainRun.Outcome chain(ConnectEnvironment env, ConnectRest rest, Secrets secrets, DemoOptions options,
                                          String name, long rows, Consumer<PostgresPipeline> adjust, RunCost cost)
            throws InterruptedException {
        PostgresServer pg = env.postgres();
        pg.createDatabase(name);
        PostgresPipeline pipeline = PostgresPipeline.fromConfig(options.configDir(), pg, secrets).named(name);
        String wasmDir = System.getProperty("bench.wasmDir", "");
        if (!wasmDir.isEmpty()) {
            // Compare: the same modules from files, compiled by the worker at run time.
            pipeline.source().set("wasm.connector", null).set("wasm.path", wasmDir + "/source-postgres.wasm");
            pipeline.sink().set("wasm.connector", null).set("wasm.path", wasmDir + "/dest-postgres.wasm");
        }
        adjust.accept(pipeline);
        System.out.printf("-- %s: %,d rows%n", name, rows);
        Breakdown breakdown = new Breakdown(name, pipeline.source().name(), pipeline.sink().name(), pg, name);
        if (cost != null) {
            cost.start(pipeline);
        }
        ChainRun.Outcome outcome = ChainRun.run(rest, pg, pipeline, name, rows, System.out,
                watch -> breakdown.deployed(env.bootstrapServers(), pipeline.topic(),
                        () -> watch.committedRows(name, ChainRun.TARGET_SCHEMA)));
        if (cost != null) {
            cost.finish(outcome);
        }
        Breakdown.print(System.out, breakdown.finish(rows, outcome.seconds()));
        pipeline.undeploy(rest);
        return outcome;
    }

    private static void print(List<Row> results) {
        System.out.println();
        System.out.println("| rows | chain s | chain rows/s | Arrow MB/s | table MB/s | COPY pipe s | COPY rows/s | chain ÷ COPY time | peak heap MiB |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : results) {
            ChainRun.Outcome o = r.chain();
            System.out.printf("| %,d | %.2f | %,.0f | %.1f | %.1f | %.2f | %,.0f | %.1f× | %,d |%n", r.rows(), o.seconds(),
                    o.rowsPerSecond(), o.arrowMegabytesPerSecond(), o.tableMegabytesPerSecond(), r.referenceSeconds(),
                    r.rows() / r.referenceSeconds(), o.seconds() / r.referenceSeconds(), r.peakHeap() >> 20);
        }
        System.out.println();
    }
}
