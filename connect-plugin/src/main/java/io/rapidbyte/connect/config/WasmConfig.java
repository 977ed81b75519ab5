package io.rapidbyte.connect.config;

import io.rapidbyte.host.frames.FrameLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Connect properties shared by the source and the sink connector: which wasm connector to
 * run, its sandbox (network, memory, frames, call timeout) and the stream limits handed to it. The wasm
 * connector's own settings are the dynamic {@value #SETTING_PREFIX}{@code <property>} keys (see
 * {@link SettingsMapper}); they are not part of this static definition. Immutable.
 */
public class WasmConfig extends AbstractConfig {
    public static final String SETTING_PREFIX = "wasm.config.";

    public static final String CONNECTOR = "wasm.connector";
    public static final String PATH = "wasm.path";
    public static final String SHA256 = "wasm.sha256";
    public static final String NETWORK_ALLOW = "wasm.network.allow";
    public static final String MEMORY_MAX_MB = "wasm.memory.max.mb";
    public static final String CALL_TIMEOUT_MS = "wasm.call.timeout.ms";
    public static final String FRAMES_MAX_LIVE = "wasm.frames.max.live";
    public static final String FRAMES_MAX_BYTES = "wasm.frames.max.bytes";
    public static final String FRAMES_MAX_TOTAL_BYTES = "wasm.frames.max.total.bytes";
    public static final String REUSABLE_BUFFER_BYTES = "wasm.reusable.buffer.bytes";
    public static final String BATCH_MAX_BYTES = "wasm.batch.max.bytes";
    public static final String BATCH_MAX_ROWS = "wasm.batch.max.rows";
    public static final String CHECKPOINT_INTERVAL_BYTES = "wasm.checkpoint.interval.bytes";
    public static final String CHECKPOINT_INTERVAL_ROWS = "wasm.checkpoint.interval.rows";
    public static final String CHECKPOINT_INTERVAL_SECONDS = "wasm.checkpoint.interval.seconds";
    public static final String RETRY_TIMEOUT_MS = "wasm.retry.timeout.ms";
    public static final String PIPELINE_ID = "wasm.pipeline.id";
    public static final String VALIDATE_WITH_CONNECTOR = "wasm.validate.with.connector";
    public static final String TRANSFORMS = "wasm.transforms";

    /** Connect's own key for the connector's name (present in connector and task configs). */
    public static final String NAME = "name";

    static final String GROUP_CONNECTOR = "Wasm connector";
    static final String GROUP_SANDBOX = "Sandbox";
    static final String GROUP_LIMITS = "Stream limits";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern TRANSFORM_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    protected WasmConfig(ConfigDef definition, Map<String, String> props) {
        super(definition, props, false);
    }

    /** A fresh definition holding the common keys; subclasses add their own. */
    public static ConfigDef commonDefinition() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTOR, Type.STRING, "", Importance.HIGH,
                "Name of a wasm connector bundled with the plugin (resource rapidbyte/connectors/<name>.wasm on the "
                        + "plugin class path), e.g. source-postgres. Exactly one of " + CONNECTOR + " and " + PATH
                        + " must be set.",
                GROUP_CONNECTOR, ++order, Width.MEDIUM, "Bundled connector", BundledConnectors.recommender());
        def.define(PATH, Type.STRING, "", Importance.HIGH,
                "Absolute path of a .wasm connector module on the worker's disk, compiled on first use and cached "
                        + "for the worker's lifetime. Exactly one of " + CONNECTOR + " and " + PATH + " must be set.",
                GROUP_CONNECTOR, ++order, Width.LONG, "Module path");
        def.define(SHA256, Type.STRING, "", new Sha256Validator(), Importance.MEDIUM,
                "Optional SHA-256 (64 hex digits) the module's bytes must have; the connector refuses to start "
                        + "with any other module.",
                GROUP_CONNECTOR, ++order, Width.LONG, "Module SHA-256 pin");
        def.define(VALIDATE_WITH_CONNECTOR, Type.BOOLEAN, true, Importance.LOW,
                "Whether config validation also opens the wasm connector with the settings and calls its validate "
                        + "export (which may connect to the system it reads or writes).",
                GROUP_CONNECTOR, ++order, Width.SHORT, "Validate with the connector");
        def.define(TRANSFORMS, Type.LIST, "", new TransformNamesValidator(), Importance.MEDIUM,
                "Names of the transform modules each batch passes through, in order, between the wasm connector "
                        + "and Kafka (source) or Kafka and the wasm connector (sink); empty for none. Transform "
                        + "<name> is selected by " + TRANSFORMS + ".<name>.connector or " + TRANSFORMS
                        + ".<name>.path (optionally pinned by " + TRANSFORMS + ".<name>.sha256), must be a "
                        + "transform-role module, and takes its settings as " + TRANSFORMS
                        + ".<name>.config.<property>, checked against its manifest's schema. run-transform is called "
                        + "once per batch on the stream's thread; see the README section Transforms.",
                GROUP_CONNECTOR, ++order, Width.LONG, "Transforms");
        def.define(PIPELINE_ID, Type.STRING, "", Importance.LOW,
                "Identifier of the pipeline scope of the connector's state (state-get/put with scope pipeline). "
                        + "Empty: the Connect connector name.",
                GROUP_CONNECTOR, ++order, Width.MEDIUM, "Pipeline id");

        order = 0;
        def.define(NETWORK_ALLOW, Type.LIST, null, new NetworkRulesValidator(), Importance.MEDIUM,
                "Network allow-list of the sandbox (host, host:port, *.domain, CIDR, [v6]:port). When unset it is "
                        + "derived from the connector's settings through the permissions.network templates of its "
                        + "manifest; set it (even empty) to replace the derived list.",
                GROUP_SANDBOX, ++order, Width.LONG, "Network allow-list");
        def.define(MEMORY_MAX_MB, Type.INT, 512, Range.between(1, 4096), Importance.LOW,
                "Cap on each connector instance's linear memory, in MiB.",
                GROUP_SANDBOX, ++order, Width.SHORT, "Memory cap (MiB)");
        def.define(CALL_TIMEOUT_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
                "Wall-clock limit of one guest call (open, validate, run-read, run-write, ...); 0 for none.",
                GROUP_SANDBOX, ++order, Width.SHORT, "Call timeout (ms)");
        def.define(FRAMES_MAX_LIVE, Type.INT, FrameLimits.DEFAULT.maxLiveFrames(), Range.between(1, 1_000_000),
                Importance.LOW,
                "Most frames (host buffers holding batches and socket reads) one connector instance may hold at "
                        + "once; frame-new, next-batch and socket reads past it fail with FRAME_LIMIT_EXCEEDED.",
                GROUP_SANDBOX, ++order, Width.SHORT, "Live frames");
        def.define(FRAMES_MAX_BYTES, Type.LONG, FrameLimits.DEFAULT.maxFrameBytes(),
                Range.between(1024, FrameLimits.MAX_FRAME_BYTES_CEILING), Importance.LOW,
                "Largest frame, in bytes: a batch the connector writes or reads (one Kafka record) must fit one. "
                        + "At least " + BATCH_MAX_BYTES + ".",
                GROUP_SANDBOX, ++order, Width.SHORT, "Bytes per frame");
        def.define(FRAMES_MAX_TOTAL_BYTES, Type.LONG, FrameLimits.DEFAULT.maxTotalBytes(), Range.atLeast(1024),
                Importance.LOW,
                "Bytes all live frames of one connector instance may hold together. Frames live in the worker's "
                        + "heap beside the instance's linear memory, so an instance uses at most "
                        + MEMORY_MAX_MB + " plus this much. At least " + FRAMES_MAX_BYTES + ".",
                GROUP_SANDBOX, ++order, Width.SHORT, "Total frame bytes");
        def.define(REUSABLE_BUFFER_BYTES, Type.LONG, FrameLimits.DEFAULT_REUSABLE_BYTES, Range.between(0, 64L << 20),
                Importance.LOW,
                "Host memory each connector instance keeps to reuse the buffers of its socket reads and of the "
                        + "frames it writes to sockets, instead of allocating one per read or write (on the sample "
                        + "table it saves the source about 270 and the sink about 220 allocated bytes per row); 0 "
                        + "allocates every buffer afresh.",
                GROUP_SANDBOX, ++order, Width.SHORT, "Reusable buffer bytes");
        def.define(RETRY_TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(0), Importance.LOW,
                "How long a stream keeps retrying after retryable connector errors (with the connector's "
                        + "backoff) before the task fails; 0 fails at the first error.",
                GROUP_SANDBOX, ++order, Width.SHORT, "Retry timeout (ms)");

        order = 0;
        def.define(BATCH_MAX_BYTES, Type.LONG, 1000L * 1024, Range.atLeast(1024), Importance.MEDIUM,
                "Largest batch (one Arrow IPC stream, one Kafka record) the connector may produce. Keep it below "
                        + "the producer's max.request.size and the topic's max.message.bytes (1 MiB by default).",
                GROUP_LIMITS, ++order, Width.SHORT, "Max batch bytes");
        def.define(BATCH_MAX_ROWS, Type.LONG, 10_000L, Range.atLeast(1), Importance.LOW,
                "Most rows per batch.", GROUP_LIMITS, ++order, Width.SHORT, "Max batch rows");
        def.define(CHECKPOINT_INTERVAL_BYTES, Type.LONG, 16L * 1024 * 1024, Range.atLeast(0), Importance.LOW,
                "The connector checkpoints at least every this many bytes (0: connector's choice).",
                GROUP_LIMITS, ++order, Width.SHORT, "Checkpoint interval (bytes)");
        def.define(CHECKPOINT_INTERVAL_ROWS, Type.LONG, 100_000L, Range.atLeast(0), Importance.LOW,
                "The connector checkpoints at least every this many rows (0: connector's choice).",
                GROUP_LIMITS, ++order, Width.SHORT, "Checkpoint interval (rows)");
        def.define(CHECKPOINT_INTERVAL_SECONDS, Type.LONG, 5L, Range.atLeast(0), Importance.LOW,
                "The connector checkpoints at least every this many seconds (0: connector's choice).",
                GROUP_LIMITS, ++order, Width.SHORT, "Checkpoint interval (s)");
        return def;
    }

    public String connectorName() {
        return originalsStrings().getOrDefault(NAME, "");
    }

    public String pipelineId() {
        String id = getString(PIPELINE_ID);
        return id.isEmpty() ? connectorName() : id;
    }

    /** The names of {@value #TRANSFORMS}, in order (checked by the definition's validator). */
    public List<String> transformNames() {
        return getList(TRANSFORMS).stream().map(String::trim).toList();
    }

    /** The frame limits of each instance. */
    public FrameLimits frameLimits() {
        return new FrameLimits(getInt(FRAMES_MAX_LIVE), getLong(FRAMES_MAX_BYTES), getLong(FRAMES_MAX_TOTAL_BYTES),
                getLong(REUSABLE_BUFFER_BYTES));
    }

    /** The problems with the frame limits against each other and the batch size, by key; empty when none. */
    public Map<String, String> frameLimitProblems() {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (getLong(FRAMES_MAX_BYTES) > getLong(FRAMES_MAX_TOTAL_BYTES)) {
            problems.put(FRAMES_MAX_BYTES, FRAMES_MAX_BYTES + " (" + getLong(FRAMES_MAX_BYTES) + ") must not exceed "
                    + FRAMES_MAX_TOTAL_BYTES + " (" + getLong(FRAMES_MAX_TOTAL_BYTES) + ")");
        }
        if (getLong(BATCH_MAX_BYTES) > getLong(FRAMES_MAX_BYTES)) {
            problems.put(BATCH_MAX_BYTES, BATCH_MAX_BYTES + " (" + getLong(BATCH_MAX_BYTES) + ") must not exceed "
                    + FRAMES_MAX_BYTES + " (" + getLong(FRAMES_MAX_BYTES) + "): a batch is one frame");
        }
        return problems;
    }

    /** The explicit allow-list, or null when it is to be derived from the settings. */
    public List<String> networkOverride() {
        return getList(NETWORK_ALLOW);
    }

    /** Accepts "" or 64 hex digits. */
    static final class Sha256Validator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String s = value == null ? "" : value.toString().trim();
            if (!s.isEmpty() && !SHA256_HEX.matcher(s).matches()) {
                throw new ConfigException(name, value, "must be 64 hexadecimal digits");
            }
        }

        @Override
        public String toString() {
            return "empty or 64 hex digits";
        }
    }

    /** Names must be non-empty, unique, and made of letters, digits, '_' and '-' (they become key parts). */
    static final class TransformNamesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) value;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String raw : names) {
                String n = raw.trim();
                if (n.isEmpty()) {
                    throw new ConfigException(name, value, "a transform name is empty (check for stray commas)");
                }
                if (!TRANSFORM_NAME.matcher(n).matches()) {
                    throw new ConfigException(name, value, "transform name '" + n + "' may only contain letters, "
                            + "digits, '_' and '-' (it becomes part of the keys " + name + "." + n + ".*)");
                }
                if (!seen.add(n)) {
                    throw new ConfigException(name, value, "transform '" + n + "' is listed twice; give each use "
                            + "its own name");
                }
            }
        }

        @Override
        public String toString() {
            return "unique names of letters, digits, '_' and '-'";
        }
    }

    /** Each entry must parse as a {@link NetworkAcl} rule. */
    static final class NetworkRulesValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) value;
            try {
                NetworkAcl.of(rules);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "host, host:port, *.domain, CIDR or [IPv6]:port rules";
        }
    }
}
