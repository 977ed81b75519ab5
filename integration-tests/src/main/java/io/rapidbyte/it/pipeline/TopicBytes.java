package io.rapidbyte.it.pipeline;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * What a topic occupies on the brokers: the sum of its partitions' log sizes (record batches as
 * stored, compressed or not, with their headers and transaction markers) over every replica,
 * from the brokers' own {@code describeLogDirs}. Stateless.
 */
public final class TopicBytes {
    private TopicBytes() {
    }

    public static long onBrokers(String bootstrapServers, String topic) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
            long bytes = 0;
            for (Map<String, LogDirDescription> dirs : admin.describeLogDirs(brokers).allDescriptions().get().values()) {
                for (LogDirDescription dir : dirs.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> r : dir.replicaInfos().entrySet()) {
                        if (r.getKey().topic().equals(topic)) {
                            bytes += r.getValue().size();
                        }
                    }
                }
            }
            return bytes;
        } catch (ExecutionException e) {
            throw new IllegalStateException("describing the log dirs of " + topic + " failed: " + e.getCause(), e.getCause());
        }
    }
}
