package io.rapidbyte.it.bench;

import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compression and allocation part of the end-to-end bench: the same table through the chain
 * once per payload variant, side by side in one JVM, so bytes on the broker, chain time, CPU and
 * allocation can be compared in one run. An entry is {@code codec[:batch.size[:reusable-bytes]]}:
 * the Kafka record compression ({@code producer.override.compression.type} on the source payload,
 * {@code none} included), optionally the producer's {@code batch.size} and both connectors'
 * {@code wasm.reusable.buffer.bytes} (0: every host buffer new). Options:
 * {@code -Dbench.codecs=none,zstd,…} (empty: no sweep) and {@code -Dbench.codecRows=N}. Immutable.
 */
final class CodecSweep {
    static final String COMPRESSION_KEY = "producer.override.compression.type";
    static final String BATCH_SIZE_KEY = "producer.override.batch.size";
    static final String REUSE_KEY = "wasm.reusable.buffer.bytes";
    /**
     * The before first: Kafka's defaults (no compression, 16 KiB batch.size: records of a batch
     * each get a producer buffer of their own, never pooled) and no host buffer reuse; then the
     * shipped compression without buffer reuse; then each codec as shipped (the payload's own
     * batch.size, the connectors' default buffer reuse).
     */
    static final String DEFAULT = "none:16384:0,zstd:1048576:0,none,lz4,zstd";
    private static final List<String> KAFKA_CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private final List<String> codecs;
    private final long rows;

    private CodecSweep(List<String> codecs, long rows) {
        this.codecs = codecs;
        this.rows = rows;
    }

    /** From {@code bench.codecs} and {@code bench.codecRows}; every bad value is refused naming the property. */
    static CodecSweep fromSystemProperties() {
        List<String> codecs = new ArrayList<>();
        for (String c : System.getProperty("bench.codecs", DEFAULT).split(",")) {
            String entry = c.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            String codec = entry.contains(":") ? entry.substring(0, entry.indexOf(':')) : entry;
            if (entry.contains(":") && !entry.substring(entry.indexOf(':') + 1).matches("[1-9][0-9]*(:[0-9]+)?")) {
                throw new IllegalArgumentException("bench.codecs: '" + entry
                        + "' is not codec[:batch-size-bytes[:reusable-buffer-bytes]]");
            }
            if (!KAFKA_CODECS.contains(codec)) {
                throw new IllegalArgumentException("bench.codecs: '" + codec + "' is not a Kafka compression.type "
                        + KAFKA_CODECS);
            }
            codecs.add(entry);
        }
        String rowsText = System.getProperty("bench.codecRows", "1000000").trim().replace("_", "");
        long rows;
        try {
            rows = rowsText.isEmpty() ? 1_000_000 : Long.parseLong(rowsText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bench.codecRows must be a whole number, got " + rowsText);
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("bench.codecRows must be positive, got " + rows);
        }
        return new CodecSweep(List.copyOf(codecs), rows);
    }

    List<String> codecs() {
        return codecs;
    }

    long rows() {
        return rows;
    }

    /**
     * Sets an entry's codec (and batch size, if it has one) on the source's producer, and its
     * reusable buffer bytes (if it has them) on both connectors.
     */
    static void apply(PostgresPipeline pipeline, String entry) {
        String[] parts = entry.split(":");
        pipeline.source().set(COMPRESSION_KEY, parts[0]);
        if (parts.length > 1) {
            pipeline.source().set(BATCH_SIZE_KEY, parts[1]);
        }
        if (parts.length > 2) {
            pipeline.source().set(REUSE_KEY, parts[2]);
            pipeline.sink().set(REUSE_KEY, parts[2]);
        }
    }

    /** An entry in words, for the tables. */
    static String describe(String entry) {
        String[] parts = entry.split(":");
        StringBuilder s = new StringBuilder(parts[0]);
        s.append(parts.length > 1 ? ", batch.size " + parts[1] : ", as shipped");
        if (parts.length > 2) {
            s.append(parts[2].equals("0") ? ", no buffer reuse" : ", reuse " + parts[2] + " B");
        }
        return s.toString();
    }
}
