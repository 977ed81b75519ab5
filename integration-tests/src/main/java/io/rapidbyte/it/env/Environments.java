package io.rapidbyte.it.env;

import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and starts the environment: Testcontainers when a Docker engine answers, else
 * everything embedded. {@code -Drapidbyte.env=embedded|containers} forces one.
 */
public final class Environments {
    private static final Logger LOG = LoggerFactory.getLogger(Environments.class);

    private Environments() {
    }

    /**
     * @param pluginPath a directory holding the unpacked plugin archive ({@code rapidbyte-connect/})
     * @param configDir  the repository's {@code config/}
     */
    public static ConnectEnvironment start(Path pluginPath, Path configDir) {
        if (!Files.isDirectory(pluginPath.resolve("rapidbyte-connect"))) {
            throw new IllegalStateException("no plugin archive unpacked in " + pluginPath.toAbsolutePath()
                    + " (expected rapidbyte-connect/); build it with mvn -B package -DskipTests");
        }
        WorkerProperties worker = WorkerProperties.load(configDir);
        String forced = System.getProperty("rapidbyte.env", "");
        boolean containers = switch (forced) {
            case "" -> {
                boolean docker = ContainerEnvironment.dockerAvailable();
                LOG.info("Docker engine {}: using {}", docker ? "found" : "not found", docker ? "Testcontainers" : "the embedded environment");
                yield docker;
            }
            case "containers" -> true;
            case "embedded" -> false;
            default -> throw new IllegalArgumentException("rapidbyte.env must be embedded or containers, got " + forced);
        };
        ConnectEnvironment env = containers
                ? ContainerEnvironment.start(pluginPath, worker)
                : EmbeddedEnvironment.start(pluginPath, worker);
        LOG.info("environment: {}; Connect REST API at {}", env.describe(), env.restUrl());
        return env;
    }
}
