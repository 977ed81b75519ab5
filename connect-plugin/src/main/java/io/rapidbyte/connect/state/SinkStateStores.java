package io.rapidbyte.connect.state;

import io.rapidbyte.connect.sink.SinkConfig;
import io.rapidbyte.host.state.StateStore;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Chooses a sink task's state store: a {@link KafkaStateStore} on the configured state topic
 * when {@code state.kafka.bootstrap.servers} is set, otherwise one that refuses every call
 * with instructions (never a silent in-memory store). Stateless.
 */
public final class SinkStateStores {
    private SinkStateStores() {
    }

    public static StateStore open(SinkConfig config) {
        Map<String, Object> client = config.stateClientConfig();
        if (!client.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            return new UnconfiguredStateStore("set " + SinkConfig.STATE_KAFKA_PREFIX
                    + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG + " (and any security settings under "
                    + SinkConfig.STATE_KAFKA_PREFIX + ") to keep it in the compacted topic " + config.stateTopic());
        }
        return new KafkaStateStore(config.stateTopic(), client);
    }
}
