package io.rapidbyte.connect.guest;

import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.SocketOptions;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs a short piece of control-plane work against a freshly opened instance on the calling
 * thread — config validation, catalog discovery — and closes it again. Calls are capped at
 * {@link #DEFAULT_TIMEOUT} unless the config sets a shorter call timeout, so a hanging guest
 * cannot hold a REST request or the herder forever. Stateless.
 */
public final class OneShotGuest {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private OneShotGuest() {
    }

    /**
     * Builds an instance of {@code setup}'s module, opens it with the configured settings, applies
     * {@code body} and closes it (also when {@code body} throws).
     *
     * @throws io.rapidbyte.host.types.ConnectorException from {@code open} or {@code body}
     */
    public static <T> T run(ConnectorSetup setup, Role role, String name, Function<ConnectorInstance, T> body) {
        return run(setup.module(), setup.configJson(), setup.acl(), setup.instanceLimits(), role, name, body);
    }

    /**
     * Like {@link #run(ConnectorSetup, Role, String, Function)} for any module, e.g. a transform of
     * the connector's chain ({@code TransformSetup}).
     */
    public static <T> T run(ConnectorModule module, String configJson, NetworkAcl acl, InstanceLimits instanceLimits,
                            Role role, String name, Function<ConnectorInstance, T> body) {
        InstanceLimits limits = instanceLimits;
        if (limits.callTimeout().isZero() || limits.callTimeout().compareTo(DEFAULT_TIMEOUT) > 0) {
            limits = limits.withCallTimeout(DEFAULT_TIMEOUT);
        }
        try (ConnectorInstance instance = ConnectorInstance.builder(module, role)
                .name(name)
                .limits(limits)
                .network(acl, SocketOptions.DEFAULT)
                .listener(new Slf4jHostListener())
                .build()) {
            instance.open(configJson);
            return body.apply(instance);
        }
    }
}
