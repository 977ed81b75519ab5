package io.rapidbyte.it.bench;

import io.rapidbyte.it.pipeline.ChainRun;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The transform part of the end-to-end bench: the same table through the chain without a
 * transform, with one pass-through transform hop on the source ({@code wasm.transforms} with the
 * test transform, which reads each batch and writes it again) and with one on the sink, in one
 * JVM, so the cost of a hop shows as the difference. Options: {@code -Dbench.transformRows=N}
 * (0 or unset: no sweep) and {@code -Dbench.transformModule=PATH} (the test transform's
 * {@code .wasm}; the pom copies it). Immutable.
 */
final class TransformHops {
    /** One variant of the sweep: its name and how it changes the payloads. */
    record Variant(String name, Consumer<PostgresPipeline> adjust) {
    }

    private final long rows;
    private final String module;

    private TransformHops(long rows, String module) {
        this.rows = rows;
        this.module = module;
    }

    /** From {@code bench.transformRows} and {@code bench.transformModule}; bad values are refused naming the property. */
    static TransformHops fromSystemProperties() {
        String text = System.getProperty("bench.transformRows", "0").trim().replace("_", "");
        long rows;
        try {
            rows = text.isEmpty() ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench.transformRows must be a whole number, got " + text);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("bench.transformRows must not be negative, got " + rows);
        }
        String module = System.getProperty("bench.transformModule", "").trim();
        if (rows > 0 && !Files.isRegularFile(Path.of(module))) {
            throw new IllegalArgumentException("bench.transformModule must name the test transform's .wasm, got '"
                    + module + "'");
        }
        return new TransformHops(rows, module);
    }

    long rows() {
        return rows;
    }

    /** No transform, one hop on the source, one hop on the sink; empty when the sweep is off. */
    List<Variant> variants() {
        if (rows == 0) {
            return List.of();
        }
        return List.of(new Variant("no transform", p -> { }),
                new Variant("1 hop on the source", p -> hop(p, true)),
                new Variant("1 hop on the sink", p -> hop(p, false)));
    }

    private void hop(PostgresPipeline p, boolean source) {
        var payload = source ? p.source() : p.sink();
        payload.set("wasm.transforms", "pass");
        payload.set("wasm.transforms.pass.path", module);
    }

    /** The sweep's table: chain time per variant, and each hop's cost against the run without one. */
    static void print(PrintStream out, long rows, List<String> names, List<ChainRun.Outcome> outcomes) {
        out.println();
        out.println("| " + String.format("%,d", rows) + " rows | chain s | rows/s | Arrow MB/s | + s per hop | + ns per row per hop |");
        out.println("|---|---:|---:|---:|---:|---:|");
        double base = outcomes.get(0).seconds();
        for (int i = 0; i < outcomes.size(); i++) {
            ChainRun.Outcome o = outcomes.get(i);
            double extra = i == 0 ? 0 : o.seconds() - base;
            out.printf("| %s | %.2f | %,.0f | %.1f | %s | %s |%n", names.get(i), o.seconds(), o.rowsPerSecond(),
                    o.arrowMegabytesPerSecond(), i == 0 ? "—" : String.format("%+.2f", extra),
                    i == 0 ? "—" : String.format("%+,.0f", extra * 1e9 / rows));
        }
        out.println();
    }
}
