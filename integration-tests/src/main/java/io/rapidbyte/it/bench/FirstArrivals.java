package io.rapidbyte.it.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Watches, on a daemon thread, for the first record of a run in Kafka (read by a
 * {@code read_committed} consumer, so under exactly-once it is the first <em>committed</em> batch)
 * and for the first row committed in the target (the destination's watermark table). Both are
 * polled every {@value #POLL_MS} ms, so the times are that coarse. Thread-safe.
 */
final class FirstArrivals implements AutoCloseable {
    private static final long POLL_MS = 50;

    private final Thread watcher;
    private volatile long firstRecordNanos;
    private volatile long firstRowNanos;
    private volatile boolean running = true;

    /**
     * @param committedRows rows the destination has committed so far (e.g. from its watermark table)
     */
    FirstArrivals(String bootstrapServers, String topic, LongSupplier committedRows) {
        watcher = new Thread(() -> watch(bootstrapServers, topic, committedRows), "bench-first-arrivals");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch(String bootstrapServers, String topic, LongSupplier committedRows) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(4 << 20));
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            boolean assigned = false;
            while (running && (firstRecordNanos == 0 || firstRowNanos == 0)) {
                if (firstRecordNanos == 0) {
                    if (!assigned) {
                        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
                        List<PartitionInfo> parts = topics.get(topic);
                        if (parts != null && !parts.isEmpty()) {
                            consumer.assign(parts.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
                            consumer.seekToBeginning(consumer.assignment());
                            assigned = true;
                        }
                    }
                    if (assigned && !consumer.poll(Duration.ofMillis(POLL_MS)).isEmpty()) {
                        firstRecordNanos = System.nanoTime();
                    }
                }
                if (firstRowNanos == 0 && committedRows.getAsLong() > 0) {
                    firstRowNanos = System.nanoTime();
                }
                if (!assigned || firstRecordNanos != 0) {
                    Thread.sleep(POLL_MS);
                }
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            if (running) {
                System.out.println("first-arrival watcher stopped: " + e);
            }
        }
    }

    /** {@link System#nanoTime()} when the first record was seen in Kafka, or 0. */
    long firstRecordNanos() {
        return firstRecordNanos;
    }

    /** {@link System#nanoTime()} when the first row was committed in the target, or 0. */
    long firstRowNanos() {
        return firstRowNanos;
    }

    @Override
    public void close() {
        running = false;
        watcher.interrupt();
        try {
            watcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
