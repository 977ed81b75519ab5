package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonException;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The generator's {@code open} config; its JSON Schema is in {@code src/main/wasm/manifest.json}.
 * Unknown members are rejected so that a misspelt knob fails loudly instead of being ignored.
 * Immutable.
 */
public final class GeneratorConfig {
    public static final String DEFAULT_STREAM = "generator.rows";
    public static final int DEFAULT_BATCH_ROWS = 1000;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_NULL_EVERY = 7;
    /** Keeps a batch's column arrays within what a 128 MiB guest heap can hold. */
    public static final int MAX_BATCH_ROWS = 1_000_000;
    public static final int MAX_LEAK_FRAMES = 1000;

    private static final List<String> KEYS = Arrays.asList(
            "rows", "batch_rows", "streams", "seed", "null_every", "trap_after_batches", "leak_frames");

    private final long rows;
    private final int batchRows;
    private final List<String> streams;
    private final long seed;
    private final int nullEvery;
    private final int trapAfterBatches;
    private final int leakFrames;

    private GeneratorConfig(long rows, int batchRows, List<String> streams, long seed, int nullEvery,
            int trapAfterBatches, int leakFrames) {
        this.rows = rows;
        this.batchRows = batchRows;
        this.streams = streams;
        this.seed = seed;
        this.nullEvery = nullEvery;
        this.trapAfterBatches = trapAfterBatches;
        this.leakFrames = leakFrames;
    }

    /** @throws ConnectorException category config, code {@code INVALID_CONFIG}, naming the bad member */
    public static GeneratorConfig parse(JsonObject config) {
        try {
            for (String key : config.keySet()) {
                if (!KEYS.contains(key)) {
                    throw invalid("unknown member \"" + key + "\"; allowed: " + KEYS);
                }
            }
            return new GeneratorConfig(
                    range(config.getLong("rows"), 0, Long.MAX_VALUE, "rows"),
                    (int) range(config.optLong("batch_rows", DEFAULT_BATCH_ROWS), 1, MAX_BATCH_ROWS, "batch_rows"),
                    streams(config.optArray("streams")),
                    config.optLong("seed", DEFAULT_SEED),
                    (int) range(config.optLong("null_every", DEFAULT_NULL_EVERY), 0, Integer.MAX_VALUE, "null_every"),
                    (int) range(config.optLong("trap_after_batches", 0), 0, Integer.MAX_VALUE, "trap_after_batches"),
                    (int) range(config.optLong("leak_frames", 0), 0, MAX_LEAK_FRAMES, "leak_frames"));
        } catch (JsonException e) {
            throw invalid(e.getMessage());
        }
    }

    private static List<String> streams(JsonArray array) {
        if (array == null) {
            return Collections.singletonList(DEFAULT_STREAM);
        }
        if (array.isEmpty()) {
            throw invalid("streams must not be empty");
        }
        List<String> names = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String name = array.getString(i);
            if (name.isEmpty() || names.contains(name)) {
                throw invalid("stream names must be non-empty and distinct: \"" + name + "\"");
            }
            names.add(name);
        }
        return Collections.unmodifiableList(names);
    }

    private static long range(long value, long min, long max, String key) {
        if (value < min || value > max) {
            throw invalid(key + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    private static ConnectorException invalid(String message) {
        return ConnectorError.config("INVALID_CONFIG", "generator config: " + message).toException();
    }

    /** Rows per stream. */
    public long rows() {
        return rows;
    }

    /** Row cap per batch (the run's {@code max_batch_rows} may lower it). */
    public int batchRows() {
        return batchRows;
    }

    /** The streams the catalog offers; unmodifiable. */
    public List<String> streams() {
        return streams;
    }

    public long seed() {
        return seed;
    }

    /** 0 for no nulls; see {@link RowValues#RowValues(long, int)}. */
    public int nullEvery() {
        return nullEvery;
    }

    /** Failure injection: trap (a real wasm trap) right after emitting this many batches; 0 = never. */
    public int trapAfterBatches() {
        return trapAfterBatches;
    }

    /** Failure injection: frames created at the start of each run and never dropped. */
    public int leakFrames() {
        return leakFrames;
    }
}
