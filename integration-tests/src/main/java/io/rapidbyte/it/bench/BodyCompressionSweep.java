package io.rapidbyte.it.bench;

import com.github.luben.zstd.Zstd;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.TopicBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil.CodecType;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Arrow IPC body compression (the format's {@code BodyCompression}: each buffer of a record batch
 * compressed on its own, LZ4_FRAME or ZSTD) measured on the batches of one chain run, beside
 * Kafka's record compression of the same batches, in the bench's JVM: bytes on the broker for
 * every pair of body codec and Kafka codec, the CPU to compress and to decode per row (thread CPU
 * of this thread), and a byte-exact round trip of every batch (decoded, then written again
 * uncompressed, equals the uncompressed writing of the original). These figures decide whether
 * the host offers Arrow-level compression (README, "What crosses Kafka").
 *
 * <p>Body compression is Arrow Java's own ({@code arrow-compression}: zstd-jni for ZSTD,
 * commons-compress for the LZ4 frame format); Kafka's zstd is zstd-jni at Kafka's default level 3
 * over each record, which is what the producer does to a batch of one record. Not thread-safe.
 */
final class BodyCompressionSweep {
    private static final int KAFKA_ZSTD_LEVEL = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One way of writing the batches: its bytes, and the CPU it took to produce and to read them. */
    private static final class Variant {
        final String label;
        final List<byte[]> values = new ArrayList<>();
        long encodeNanos;
        long decodeNanos;
        long kafkaZstdNanos;
        long kafkaUnzstdNanos;

        Variant(String label) {
            this.label = label;
        }
    }

    /**
     * Arrow Java's codecs: {@code arrow-compression}'s factory knows only LZ4_FRAME and ZSTD, so
     * uncompressed streams (written, or read back: the reader asks for the batch's codec even when
     * it is none) go to arrow-vector's own no-op codec.
     */
    private static final CompressionCodec.Factory CODECS = new CompressionCodec.Factory() {
        @Override
        public CompressionCodec createCodec(CodecType codecType) {
            return codecType == CodecType.NO_COMPRESSION ? NoCompressionCodec.INSTANCE
                    : CommonsCompressionFactory.INSTANCE.createCodec(codecType);
        }

        @Override
        public CompressionCodec createCodec(CodecType codecType, int compressionLevel) {
            return codecType == CodecType.NO_COMPRESSION ? NoCompressionCodec.INSTANCE
                    : CommonsCompressionFactory.INSTANCE.createCodec(codecType, compressionLevel);
        }
    };

    private BodyCompressionSweep() {
    }

    /**
     * Reads the {@code batches} records of {@code topic}, writes them again with each body codec,
     * puts every variant on the broker with and without Kafka's zstd, and prints the table.
     *
     * @return whether every batch came back exactly
     */
    static boolean run(PrintStream out, String bootstrap, String topic, int batches, long rows)
            throws IOException, InterruptedException {
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.read(bootstrap, topic, batches, Duration.ofMinutes(5));
        if (records.size() != batches) {
            throw new IllegalStateException(topic + ": read " + records.size() + " of " + batches + " records");
        }
        Variant source = new Variant("none (the source's own IPC)");
        Variant lz4 = new Variant("LZ4_FRAME (Arrow Java)");
        Variant zstd = new Variant("ZSTD (Arrow Java)");
        long plainEncodeNanos = 0;
        long plainDecodeNanos = 0;
        int mismatches = 0;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                source.values.add(record.value());
                try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(record.value()), allocator)) {
                    VectorSchemaRoot root = reader.getVectorSchemaRoot();
                    if (!reader.loadNextBatch()) {
                        throw new IllegalStateException(topic + " offset " + record.offset() + ": no record batch");
                    }
                    long t = cpu();
                    byte[] plain = write(root, CodecType.NO_COMPRESSION);
                    plainEncodeNanos += cpu() - t;
                    t = cpu();
                    decode(plain, allocator).close();
                    plainDecodeNanos += cpu() - t;
                    for (Variant v : List.of(lz4, zstd)) {
                        CodecType codec = v == lz4 ? CodecType.LZ4_FRAME : CodecType.ZSTD;
                        t = cpu();
                        byte[] compressed = write(root, codec);
                        v.encodeNanos += cpu() - t;
                        v.values.add(compressed);
                        t = cpu();
                        try (ReadBack back = decode(compressed, allocator)) {
                            v.decodeNanos += cpu() - t;
                            if (!Arrays.equals(plain, write(back.root(), CodecType.NO_COMPRESSION))) {
                                mismatches++;
                            }
                        }
                    }
                }
            }
        }
        for (Variant v : List.of(source, lz4, zstd)) {
            for (byte[] value : v.values) {
                long t = cpu();
                byte[] compressed = Zstd.compress(value, KAFKA_ZSTD_LEVEL);
                v.kafkaZstdNanos += cpu() - t;
                t = cpu();
                Zstd.decompress(compressed, value.length);
                v.kafkaUnzstdNanos += cpu() - t;
            }
        }
        lz4.encodeNanos -= plainEncodeNanos;
        zstd.encodeNanos -= plainEncodeNanos;
        lz4.decodeNanos -= plainDecodeNanos;
        zstd.decodeNanos -= plainDecodeNanos;

        out.printf("%nArrow IPC body compression vs Kafka record compression, the %,d batches (%,d rows) of %s;"
                + " CPU in s per 1,000,000 rows on one thread (body codecs: beyond writing/reading the same batch"
                + " uncompressed with Arrow Java)%n", batches, rows, topic);
        out.println("| Arrow IPC body | Kafka compression | MB on broker | B/row | compress CPU s | decode CPU s | round trip |");
        out.println("|---|---|---:|---:|---:|---:|---|");
        for (Variant v : List.of(source, lz4, zstd)) {
            for (String kafka : List.of("none", "zstd")) {
                String name = topic + ".body-" + (v == source ? "none" : v == lz4 ? "lz4" : "zstd") + ".kafka-" + kafka;
                long stored = store(bootstrap, name, kafka, records, v.values);
                boolean withZstd = kafka.equals("zstd");
                out.printf("| %s | %s | %.1f | %.0f | %.2f | %.2f | %s |%n", v.label, kafka, stored / 1e6,
                        (double) stored / rows, perMillion(v.encodeNanos + (withZstd ? v.kafkaZstdNanos : 0), rows),
                        perMillion(v.decodeNanos + (withZstd ? v.kafkaUnzstdNanos : 0), rows),
                        v == source ? "(original)" : mismatches == 0 ? "exact, every batch" : mismatches + " MISMATCHES");
            }
        }
        out.println();
        return mismatches == 0;
    }

    private static byte[] write(VectorSchemaRoot root, CodecType codec) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(bytes), IpcOption.DEFAULT,
                CODECS, codec)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        return bytes.toByteArray();
    }

    /** A stream read back with the codecs a reader needs for body compression. */
    private record ReadBack(ArrowStreamReader reader, VectorSchemaRoot root) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static ReadBack decode(byte[] stream, BufferAllocator allocator) throws IOException {
        ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(stream), allocator, CODECS);
        if (!reader.loadNextBatch()) {
            reader.close();
            throw new IllegalStateException("a written stream lost its record batch");
        }
        return new ReadBack(reader, reader.getVectorSchemaRoot());
    }

    /** Produces {@code values} (with the original records' keys and headers) to a new topic; its bytes on the broker. */
    private static long store(String bootstrap, String topic, String kafkaCodec, List<ConsumerRecord<byte[], byte[]>> originals,
                              List<byte[]> values) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating " + topic + " failed: " + e.getCause(), e.getCause());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, kafkaCodec);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < values.size(); i++) {
                ConsumerRecord<byte[], byte[]> original = originals.get(i);
                sent.add(producer.send(new ProducerRecord<>(topic, null, original.key(), values.get(i), original.headers())));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("producing to " + topic + " failed: " + e.getCause(), e.getCause());
        }
        return TopicBytes.onBrokers(bootstrap, topic);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static double perMillion(long nanos, long rows) {
        return nanos / 1e9 * 1_000_000 / rows;
    }
}
