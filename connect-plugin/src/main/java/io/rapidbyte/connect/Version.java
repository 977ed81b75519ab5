package io.rapidbyte.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's version: the Maven project version, written into {@value #RESOURCE} at build
 * time (resource filtering), so Connect's plugin listing shows the real release. Thread-safe.
 */
public final class Version {
    static final String RESOURCE = "rapidbyte-connect-version.properties";
    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/io/rapidbyte/connect/" + RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("build problem: resource " + RESOURCE + " is missing");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").trim();
            if (v.isEmpty() || v.startsWith("${")) {
                throw new IllegalStateException("build problem: " + RESOURCE + " was not filtered");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
