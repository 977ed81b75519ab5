package io.rapidbyte.connect.source;

import io.rapidbyte.connect.Version;
import io.rapidbyte.connect.config.ConfigValidator;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.config.KeyedConfigException;
import io.rapidbyte.connect.config.PluginConfigDef;
import io.rapidbyte.connect.config.WasmConfig;
import io.rapidbyte.connect.guest.GuestFailures;
import io.rapidbyte.connect.guest.OneShotGuest;
import io.rapidbyte.connect.json.PluginJson;
import io.rapidbyte.connect.rest.BadRequests;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect source connector that runs a sandboxed wasm source connector. On start it
 * opens the connector once to {@code discover} its streams, keeps the ones configured in
 * {@value SourceConfig#STREAMS} and deals them, or their ranges when the connector offers range
 * plans ({@link RangePlans}), to at most {@code tasks.max} {@link WasmSourceTask}s. The connector's settings are flat
 * {@value WasmConfig#SETTING_PREFIX}{@code <property>} properties checked against its manifest.
 *
 * <p>Not thread-safe; Connect calls it from the herder thread.
 */
public class WasmSourceConnector extends SourceConnector {
    private static final Logger LOG = LoggerFactory.getLogger(WasmSourceConnector.class);

    private Map<String, String> props;
    private List<StreamSpec> streams;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        SourceConfig config = new SourceConfig(props);
        Map<String, String> topicErrors = checkTopics(config);
        if (!topicErrors.isEmpty()) {
            throw new ConnectException("invalid configuration: " + topicErrors);
        }
        ConnectorSetup setup;
        try {
            setup = ConnectorSetup.resolve(config, Role.SOURCE);
        } catch (KeyedConfigException e) {
            throw new ConnectException("invalid configuration: " + e.getMessage(), e);
        }
        Catalog catalog;
        try {
            catalog = OneShotGuest.run(setup, Role.SOURCE, config.connectorName() + ":discover",
                    instance -> Catalog.parse(instance.discover()));
        } catch (IllegalArgumentException e) {
            throw new ConnectException(setup.origin() + " returned an unusable catalog: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ConnectException("discovering the streams of " + setup.origin() + " failed: "
                    + GuestFailures.describe(null, e), e);
        }
        try {
            streams = Catalog.withIncremental(catalog.select(config.streams()), config.incrementalStreams(),
                    PluginJson.parse(setup.configJson()));
        } catch (IllegalArgumentException e) {
            throw new ConnectException("invalid configuration: " + SourceConfig.STREAMS + ": " + e.getMessage());
        }
        try {
            streams = withRanges(config.connectorName(), streams, catalog.plans());
        } catch (IllegalArgumentException e) {
            throw new ConnectException(e.getMessage() + "; reset the connector's offsets to plan again", e);
        }
        LOG.info("{}: {} offers {} stream(s), reading {}", config.connectorName(), setup.origin(),
                catalog.streams().size(), streams);
    }

    /**
     * The streams with their ranges ({@link RangePlans#expand}): the plans stored in this
     * connector's offsets win over the ones discover offers now.
     */
    private List<StreamSpec> withRanges(String connector, List<StreamSpec> selected, Map<String, String> offered) {
        List<StreamSpec> full = selected.stream().filter(s -> offered.containsKey(s.name()) || !s.incremental()).toList();
        if (full.isEmpty() || context == null) {
            // context: null only where a test starts the connector outside a worker.
            return selected;
        }
        List<Map<String, String>> partitions = new ArrayList<>();
        for (StreamSpec s : full) {
            partitions.add(SourceOffsets.planPartition(s.name()));
            partitions.add(SourceOffsets.streamPartition(s.name()));
        }
        Map<Map<String, String>, Map<String, Object>> stored = context().offsetStorageReader().offsets(partitions);
        Map<String, String> plans = new HashMap<>();
        Set<String> startedWhole = new HashSet<>();
        for (StreamSpec s : full) {
            Map<String, Object> plan = stored.get(SourceOffsets.planPartition(s.name()));
            if (plan != null && plan.get(SourceOffsets.PLAN_RANGES) instanceof String text) {
                plans.put(s.name(), text);
                if (offered.containsKey(s.name()) && !RangePlans.same(text, offered.get(s.name()))) {
                    LOG.info("{}: stream {} keeps its stored range plan {} (discover now offers {}); reset the "
                            + "connector's offsets to plan again", connector, s.name(), text, offered.get(s.name()));
                }
            }
            if (stored.get(SourceOffsets.streamPartition(s.name())) != null) {
                startedWhole.add(s.name());
                if (offered.containsKey(s.name()) && !plans.containsKey(s.name())) {
                    LOG.warn("{}: stream {} was read whole before, so it is not split into ranges; reset the "
                            + "connector's offsets to read it in ranges", connector, s.name());
                }
            }
        }
        return RangePlans.expand(selected, offered, plans, startedWhole);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WasmSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>();
        for (List<StreamSpec> group : Catalog.split(streams, maxTasks)) {
            Map<String, String> task = new HashMap<>(props);
            task.put(SourceConfig.TASK_STREAMS, StreamSpec.toJson(group));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        streams = null;
    }

    /** The static keys and the settings of the bundled source connectors (see {@link PluginConfigDef}). */
    @Override
    public ConfigDef config() {
        return PluginConfigDef.of(SourceConfig.DEFINITION, Role.SOURCE);
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidator.validate(connectorConfigs, SourceConfig.DEFINITION, Role.SOURCE, SourceConfig::new,
                (config, errors) -> checkTopics((SourceConfig) config).forEach(errors::add),
                WasmSourceConnector::checkStreams);
    }

    /** Problems with the topic settings, by key. */
    static Map<String, String> checkTopics(SourceConfig config) {
        Map<String, String> errors = new HashMap<>();
        if (config.topic().isEmpty() == config.topicPrefix().isEmpty()) {
            errors.put(SourceConfig.TOPIC, "exactly one of " + SourceConfig.TOPIC + " and " + SourceConfig.TOPIC_PREFIX
                    + " must be set");
        }
        if (!config.dlqTopic().isEmpty() && config.dlqTopic().equals(config.topic())) {
            errors.put(SourceConfig.DLQ_TOPIC, "must differ from " + SourceConfig.TOPIC);
        }
        if (config.stateTopic().equals(config.topic()) || config.stateTopic().equals(config.dlqTopic())) {
            errors.put(SourceConfig.STATE_TOPIC, "must differ from " + SourceConfig.TOPIC + " and "
                    + SourceConfig.DLQ_TOPIC);
        }
        return errors;
    }

    private static void checkStreams(ConnectorInstance instance, WasmConfig config, ConfigValidator.Errors errors) {
        try {
            Catalog.parse(instance.discover()).select(((SourceConfig) config).streams());
        } catch (IllegalArgumentException e) {
            errors.add(SourceConfig.STREAMS, e.getMessage());
        } catch (RuntimeException e) {
            errors.add(config.getString(WasmConfig.PATH).isEmpty() ? WasmConfig.CONNECTOR : WasmConfig.PATH,
                    "discover failed: " + GuestFailures.describe(null, e));
        }
    }

    /**
     * Supported: every record's offset is the connector's checkpoint covering it, and records are
     * released only in groups that end with that checkpoint (see {@link SourceBuffer}), so a
     * transaction never commits a record without the position that resumes after it. With
     * {@code exactly.once.support=required} a connector that does not checkpoint in time fails
     * the task instead of degrading to at-least-once.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /**
     * Accepts stream positions (a checkpoint, a finished flag or both) and state entries of the
     * shapes {@link SourceOffsets} writes, or null to reset one.
     *
     * @throws ConnectException a {@link BadRequests bad request} (HTTP 400) naming the partition and
     *         what is wrong with it
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            try {
                SourceOffsets.validateEntry(partition, offset);
            } catch (IllegalArgumentException e) {
                throw BadRequests.of("offsets of " + partition + ": " + e.getMessage());
            }
        });
        return true;
    }
}
