package io.rapidbyte.it.bench;

import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The compression part of the end-to-end bench: the same table through the chain once per Kafka
 * record compression codec ({@code producer.override.compression.type} on the source payload,
 * {@code none} included), side by side in one JVM, so bytes on the broker, chain time, CPU and
 * allocation of the codecs can be compared in one run. Options: {@code -Dbench.codecs=none,zstd,…}
 * (empty: no sweep; an entry {@code codec:bytes}, e.g. {@code zstd:1048576}, also sets the producer's
 * {@code batch.size}) and {@code -Dbench.codecRows=N}. Immutable.
 */
final class CodecSweep {
    static final String COMPRESSION_KEY = "producer.override.compression.type";
    static final String BATCH_SIZE_KEY = "producer.override.batch.size";
    /**
     * Kafka's defaults first (no compression, 16 KiB batch.size: records of a batch each get a
     * producer buffer of their own, never pooled), then each codec with the shipped payload's
     * batch.size, which the payload itself sets.
     */
    static final String DEFAULT = "none:16384,none,lz4,zstd";
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
            if (entry.contains(":") && !entry.substring(entry.indexOf(':') + 1).matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException("bench.codecs: '" + entry + "' is not codec:batch-size-bytes");
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

    /** Sets an entry's codec (and batch size, if it has one) on the source's producer. */
    static void compress(PostgresPipeline pipeline, String entry) {
        int colon = entry.indexOf(':');
        pipeline.source().set(COMPRESSION_KEY, colon < 0 ? entry : entry.substring(0, colon));
        if (colon >= 0) {
            pipeline.source().set(BATCH_SIZE_KEY, entry.substring(colon + 1));
        }
    }
}
