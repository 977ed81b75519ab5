package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The compiled example modules, read from the example jars' resources
 * ({@code /rapidbyte/connectors/<name>.wasm}) and compiled once per JVM by the host's module cache.
 */
final class ExampleModules {
    static final String GENERATOR = "example-generator";
    static final String FILTER = "example-filter";
    static final String MASK = "example-mask";
    static final String VERIFY = "example-verify";

    private ExampleModules() {
    }

    static ConnectorModule generator() {
        return ConnectorModule.load(bytes(GENERATOR));
    }

    static ConnectorModule filter() {
        return ConnectorModule.load(bytes(FILTER));
    }

    static ConnectorModule mask() {
        return ConnectorModule.load(bytes(MASK));
    }

    static ConnectorModule verify() {
        return ConnectorModule.load(bytes(VERIFY));
    }

    static byte[] bytes(String name) {
        String resource = "/rapidbyte/connectors/" + name + ".wasm";
        try (InputStream in = ExampleModules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path; build the example modules first");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
