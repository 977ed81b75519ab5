package io.rapidbyte.connect.sink;

import io.rapidbyte.connect.Version;
import io.rapidbyte.connect.config.ConfigValidator;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.KeyedConfigException;
import io.rapidbyte.connect.config.PluginConfigDef;
import io.rapidbyte.connect.rest.BadRequests;
import io.rapidbyte.host.lifecycle.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Kafka Connect sink connector that runs a sandboxed wasm destination connector. Every task
 * gets the same config; Connect spreads the topic partitions over them, and each task writes
 * every stream it receives records of. The connector's settings are flat
 * {@value io.rapidbyte.connect.config.WasmConfig#SETTING_PREFIX}{@code <property>} properties
 * checked against its manifest.
 *
 * <p>Not thread-safe; Connect calls it from the herder thread.
 */
public class WasmSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        SinkConfig config = new SinkConfig(props);
        try {
            ConnectorSetup.resolve(config, Role.DESTINATION);
            config.topicStreams();
        } catch (KeyedConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        } catch (ConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WasmSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    /** The static keys and the settings of the bundled destination connectors (see {@link PluginConfigDef}). */
    @Override
    public ConfigDef config() {
        return PluginConfigDef.of(SinkConfig.DEFINITION, Role.DESTINATION);
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidator.validate(connectorConfigs, SinkConfig.DEFINITION, Role.DESTINATION, SinkConfig::new,
                (config, errors) -> {
                    try {
                        ((SinkConfig) config).topicStreams();
                    } catch (ConfigException e) {
                        errors.add(SinkConfig.TOPIC_STREAMS, e.getMessage());
                    }
                },
                (instance, config, errors) -> { });
    }

    /** Consumer offsets of a sink are positions in Kafka topics; any non-negative offset is valid. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        offsets.forEach((tp, offset) -> {
            if (offset != null && offset < 0) {
                throw BadRequests.of("offset of " + tp + " must not be negative, got " + offset);
            }
        });
        return true;
    }
}
