package io.rapidbyte.it;

import io.rapidbyte.it.env.ConnectEnvironment;
import io.rapidbyte.it.env.Environments;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.pipeline.Secrets;
import io.rapidbyte.it.rest.ConnectRest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One environment (broker, worker, PostgreSQL) for every IT class of the failsafe JVM, started on
 * first use and stopped at JVM exit: scenarios keep apart by their own connector names, topics
 * and databases. Thread-safe.
 */
final class SharedEnvironment {
    private static ConnectEnvironment env;
    private static ConnectRest rest;
    private static Secrets secrets;

    private SharedEnvironment() {
    }

    static synchronized ConnectEnvironment env() {
        if (env == null) {
            env = Environments.start(Path.of(property("rapidbyte.plugin.path")), configDir());
            ConnectEnvironment started = env;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "it-environment-stop"));
            rest = new ConnectRest(started::restUrl);
            try {
                secrets = Secrets.create(Files.createTempDirectory("rapidbyte-it"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return env;
    }

    static ConnectRest rest() {
        env();
        return rest;
    }

    static PostgresServer postgres() {
        return env().postgres();
    }

    static Path configDir() {
        return Path.of(property("rapidbyte.config.dir"));
    }

    /**
     * The payloads of {@code config/} for a scenario: connectors {@code <name>-source}/{@code -sink},
     * topic {@code <name>.batches}, source and target in database {@code <name>} (created fresh),
     * target schema {@code replica}.
     */
    static PostgresPipeline pipeline(String name, String streams) {
        env();
        postgres().createDatabase(name);
        return PostgresPipeline.fromConfig(configDir(), postgres(), secrets)
                .named(name)
                .from(name, streams)
                .to(name, "replica");
    }

    static Secrets secrets() {
        env();
        return secrets;
    }

    /** A system property failsafe sets (see the pom); fails naming it when missing. */
    static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (failsafe sets it; see the pom)");
        }
        return v;
    }
}
