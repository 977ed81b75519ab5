package io.rapidbyte.it.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path of the Kafka broker and Connect worker JVMs this module starts: this JVM's own
 * (Kafka, its dependencies, the JDBC driver, ...), without anything built from this repository
 * and without Chicory, so that a worker can only load the Rapidbyte plugin from its
 * {@code plugin.path}, as in production; and without test jars (Kafka's {@code -test} jars bring
 * its test connectors, which a worker would list next to ours). Stateless.
 */
public final class ClassPath {
    private ClassPath() {
    }

    /** The filtered class path, joined with the platform's separator. */
    public static String forChildJvm() {
        List<String> kept = new ArrayList<>();
        for (String entry : own().split(File.pathSeparator)) {
            if (!entry.isBlank() && keep(entry)) {
                kept.add(entry);
            }
        }
        if (kept.stream().noneMatch(e -> e.contains("connect-runtime"))) {
            throw new IllegalStateException("Kafka's jars are not on this JVM's class path (" + own()
                    + "); run with the integration-tests module's class path");
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * Surefire and failsafe may start the test JVM with a manifest-only jar; they give the real test
     * class path in {@code surefire.test.class.path}.
     */
    private static String own() {
        String test = System.getProperty("surefire.test.class.path");
        return test != null && !test.isBlank() ? test : System.getProperty("java.class.path", "");
    }

    static boolean keep(String entry) {
        String unix = entry.replace(File.separatorChar, '/');
        if (Files.isDirectory(Path.of(entry))) {
            return false; // build output directories: this repository's classes
        }
        if (unix.endsWith("-test.jar") || unix.endsWith("-tests.jar")) {
            return false;
        }
        return !unix.contains("/io/rapidbyte/") && !unix.contains("/com/dylibso/") && !unix.contains("/rapidbyte-");
    }
}
