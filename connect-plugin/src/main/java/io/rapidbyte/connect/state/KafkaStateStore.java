package io.rapidbyte.connect.state;

import io.rapidbyte.host.state.StateStore;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Connector state in a compacted Kafka topic (one partition), for sink tasks, which have no
 * offset store of their own to keep it in. At start the whole topic is read into memory; every
 * write is sent with {@code acks=all} and waited for, so a value is durable when
 * {@code state-put} returns and survives task restarts, rebalances and worker loss.
 *
 * <p><b>Guarantees.</b> Compare-and-set is atomic within the task. Tasks read the topic when
 * they start and do not see each other's later writes: sink tasks share streams (a stream's
 * records may reach any task), so connectors must not rely on state to coordinate tasks.
 *
 * <p><b>Threading.</b> Thread-safe: writes are serialised on this object; reads are lock-free.
 */
public final class KafkaStateStore implements StateStore, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final char SEPARATOR = '\u0000';

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();

    /**
     * Creates the topic if needed, loads it and opens the producer.
     *
     * @param clientConfig Kafka client settings ({@code bootstrap.servers} at least)
     */
    public KafkaStateStore(String topic, Map<String, Object> clientConfig) {
        this.topic = Objects.requireNonNull(topic, "topic");
        ensureTopic(clientConfig);
        load(clientConfig);
        Map<String, Object> p = new HashMap<>(clientConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(p);
    }

    private void ensureTopic(Map<String, Object> clientConfig) {
        try (Admin admin = Admin.create(clientConfig)) {
            NewTopic t = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(t)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failed("cannot create state topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while creating state topic " + topic, e);
        } catch (TimeoutException e) {
            throw failed("timed out creating state topic " + topic, e);
        }
    }

    private void load(Map<String, Object> clientConfig) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw failed("timed out reading state topic " + topic, null);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r.key(), r.value());
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw failed("cannot read state topic " + topic, e);
        }
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(byte[] key, byte[] value) {
        if (key == null) {
            return;
        }
        String k = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            values.remove(k);
        } else {
            values.put(k, new String(value, StandardCharsets.UTF_8));
        }
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + SEPARATOR + key));
    }

    @Override
    public synchronized void put(String namespace, String key, String value) {
        write(namespace + SEPARATOR + key, value);
    }

    @Override
    public synchronized boolean compareAndSet(String namespace, String key, String expectedOrNull, String newValue) {
        String k = namespace + SEPARATOR + key;
        if (!Objects.equals(values.get(k), expectedOrNull)) {
            return false;
        }
        write(k, newValue);
        return true;
    }

    private void write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while writing state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw failed("cannot write state to " + topic, e instanceof ExecutionException ? e.getCause() : e);
        }
        values.put(key, value);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private static ConnectorException failed(String message, Throwable cause) {
        return new ConnectorException(ConnectorError.retryable(ErrorCategory.INTERNAL, ErrorCodes.STATE_FAILED,
                message + (cause == null ? "" : ": " + cause.getMessage())), cause);
    }
}
