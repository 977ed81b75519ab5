package io.rapidbyte.connect.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.tools.ConnectPluginPath;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged plugin (after {@code package}): Kafka's own {@code connect-plugin-path list}
 * lint finds both connectors and the single-message transform loadable, with ServiceLoader manifests and the real version; the
 * directory holds our jars and their dependencies but no Kafka jar; the zip holds the same tree.
 */
class PluginArchiveIT {
    private static final Path DIR = Path.of(System.getProperty("plugin.dir"));
    private static final Path ZIP = Path.of(System.getProperty("plugin.zip"));
    private static final String VERSION = System.getProperty("plugin.version");

    @Test
    void kafkasPluginPathLintFindsBothConnectorsLoadableWithManifests() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ConnectPluginPath.mainNoExit(new String[] {"list", "--plugin-location", DIR.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String listing = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        for (String plugin : List.of("io.rapidbyte.connect.source.WasmSourceConnector\tWasmSourceConnector\tWasmSource\t"
                + VERSION + "\tsource\ttrue\ttrue", "io.rapidbyte.connect.sink.WasmSinkConnector\tWasmSinkConnector\tWasmSink\t"
                + VERSION + "\tsink\ttrue\ttrue", "io.rapidbyte.connect.transforms.WasmTransform\tWasmTransform\tN/A\t"
                + VERSION + "\ttransformation\ttrue\ttrue")) {
            assertTrue(listing.contains(plugin), "expected '" + plugin + "' in\n" + listing);
        }
        assertTrue(listing.contains("Compatible plugins: \t3"), listing);
    }

    @Test
    void theDirectoryHoldsOurJarsAndDependenciesButNoKafkaJar() throws IOException {
        Set<String> jars = jarNames();
        assertTrue(jars.contains("rapidbyte-connect-plugin-" + VERSION + ".jar"), jars.toString());
        assertTrue(jars.contains("rapidbyte-wasm-host-" + VERSION + ".jar"), jars.toString());
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("runtime-")), "Chicory runtime " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind-")), jars.toString());
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("kafka") || j.startsWith("connect-")),
                "Kafka's jars come from the worker: " + jars);
        try (JarFile jar = new JarFile(DIR.resolve("rapidbyte-connect-plugin-" + VERSION + ".jar").toFile())) {
            for (String entry : List.of("META-INF/services/org.apache.kafka.connect.source.SourceConnector",
                    "META-INF/services/org.apache.kafka.connect.sink.SinkConnector",
                    "io/rapidbyte/connect/rapidbyte-connect-version.properties",
                    "rapidbyte/connectors/example-generator.wasm", "rapidbyte/connectors/example-verify.wasm",
                    "io/rapidbyte/connect/precompiled/ExampleGenerator.class",
                    "io/rapidbyte/connect/precompiled/ExampleVerify.class",
                    "rapidbyte/connectors/source-postgres.wasm", "rapidbyte/connectors/dest-postgres.wasm",
                    "io/rapidbyte/connect/precompiled/SourcePostgres.class",
                    "io/rapidbyte/connect/precompiled/DestPostgres.class",
                    "rapidbyte/connectors/example-filter.wasm", "rapidbyte/connectors/example-mask.wasm",
                    "io/rapidbyte/connect/precompiled/ExampleFilter.class",
                    "io/rapidbyte/connect/precompiled/ExampleMask.class")) {
                assertTrue(jar.getEntry(entry) != null, "missing " + entry);
            }
        }
    }

    @Test
    void theZipHoldsTheSameTree() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            Set<String> inZip = zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/"))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> inDir = new TreeSet<>();
            try (Stream<Path> files = Files.list(DIR)) {
                files.forEach(f -> inDir.add("rapidbyte-connect/" + f.getFileName()));
            }
            assertEquals(inDir, inZip);
        }
    }

    private static Set<String> jarNames() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
