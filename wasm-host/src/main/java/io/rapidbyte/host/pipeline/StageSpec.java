package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import java.util.Objects;

/**
 * One stage of a pipeline: which module runs, under which name, with which config and limits.
 * Its role follows from its position (first source, last destination, transforms between).
 * Immutable.
 *
 * @param name       unique within the pipeline; names the stage in errors, logs and state
 * @param configJson passed to the guest's {@code open}
 */
public record StageSpec(String name, ConnectorModule module, String configJson, InstanceLimits limits,
                        NetworkAcl acl, SocketOptions socketOptions) {
    public StageSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(configJson, "configJson");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(acl, "acl");
        Objects.requireNonNull(socketOptions, "socketOptions");
    }

    /** Default limits, no network. */
    public static StageSpec of(String name, ConnectorModule module, String configJson) {
        return new StageSpec(name, module, configJson, InstanceLimits.DEFAULT, NetworkAcl.denyAll(),
                SocketOptions.DEFAULT);
    }

    public StageSpec withLimits(InstanceLimits instanceLimits) {
        return new StageSpec(name, module, configJson, instanceLimits, acl, socketOptions);
    }

    public StageSpec withNetwork(NetworkAcl networkAcl, SocketOptions options) {
        return new StageSpec(name, module, configJson, limits, networkAcl, options);
    }
}
