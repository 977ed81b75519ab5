package io.rapidbyte.connect.config;

import com.dylibso.chicory.runtime.CompiledModule;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.UnknownCustomSection;
import io.rapidbyte.host.lifecycle.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The wasm connectors shipped inside the plugin: resources {@value #RESOURCE_DIR}{@code <name>.wasm}
 * on the plugin's class path (each guest module's jar carries its own), and, for those compiled
 * at build time, the Chicory-generated class {@value #PRECOMPILED_PACKAGE}{@code .<CamelName>}
 * (e.g. {@code example-generator} → {@code ExampleGenerator}). Lookups go through this class's
 * loader, which in a worker is the plugin's isolated loader. Thread-safe.
 */
public final class BundledConnectors {
    public static final String RESOURCE_DIR = "rapidbyte/connectors/";
    public static final String PRECOMPILED_PACKAGE = "io.rapidbyte.connect.precompiled";
    private static final String SUFFIX = ".wasm";

    private static volatile List<String> names;

    private BundledConnectors() {
    }

    /**
     * The module bytes of bundled connector {@code name}, if there is one: a new array the caller
     * owns. Every task and connector start reads its module (megabytes), so when the resource
     * states its length the bytes land in one array of exactly that size instead of the chunks
     * and final copy of {@code readAllBytes}.
     */
    public static Optional<byte[]> read(String name) {
        if (!isPlainName(name)) {
            return Optional.empty();
        }
        URL url = loader().getResource(RESOURCE_DIR + name + SUFFIX);
        if (url == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            // A jar: URL would otherwise keep the plugin jar open in the JDK's cache.
            connection.setUseCaches(false);
            long length = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(length < 0 || length > Integer.MAX_VALUE - 8 ? in.readAllBytes()
                        : readExactly(in, (int) length));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled connector " + name, e);
        }
    }

    /** {@code length} bytes, then the end of the stream; anything else is refused (a resource that changed under us). */
    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        // The filling overload: readNBytes(int) would collect chunks and copy them again.
        if (in.readNBytes(bytes, 0, length) != length || in.read() != -1) {
            throw new IOException("resource length " + length + " does not match its content");
        }
        return bytes;
    }

    /**
     * The manifest of bundled connector {@code name}, read from its custom section only (nothing
     * is compiled); empty when there is no such connector or it has no manifest.
     *
     * @throws IllegalArgumentException if the module or its manifest does not parse
     */
    public static Optional<Manifest> manifest(String name) {
        Optional<byte[]> bytes = read(name);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        WasmModule sections;
        try {
            sections = Parser.builder().includeSectionId(SectionId.CUSTOM).build()
                    .parse(() -> new ByteArrayInputStream(bytes.get()));
        } catch (ChicoryException e) {
            throw new IllegalArgumentException("bundled connector " + name + " is not a wasm module: " + e.getMessage(), e);
        }
        CustomSection section = sections.customSection(Manifest.SECTION);
        if (!(section instanceof UnknownCustomSection raw)) {
            return Optional.empty();
        }
        return Optional.of(Manifest.parse(new String(raw.bytes(), StandardCharsets.UTF_8)));
    }

    /** The build-time compiled form of bundled connector {@code name}, if it was precompiled. */
    public static Optional<CompiledModule> precompiled(String name) {
        if (!isPlainName(name)) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(PRECOMPILED_PACKAGE + "." + className(name), true, loader());
            return Optional.of((CompiledModule) type.getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("precompiled connector " + name + " is broken: " + e, e);
        }
    }

    /** {@code example-generator} → {@code ExampleGenerator}. */
    public static String className(String name) {
        StringBuilder b = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        return b.toString();
    }

    /** Names of every bundled connector, sorted; listed once per class loader. */
    public static List<String> names() {
        List<String> cached = names;
        if (cached == null) {
            cached = List.copyOf(scan());
            names = cached;
        }
        return cached;
    }

    private static TreeSet<String> scan() {
        TreeSet<String> found = new TreeSet<>();
        try {
            Enumeration<URL> dirs = loader().getResources(RESOURCE_DIR);
            while (dirs.hasMoreElements()) {
                URL url = dirs.nextElement();
                URLConnection connection = url.openConnection();
                if (connection instanceof JarURLConnection jar) {
                    connection.setUseCaches(false);
                    try (JarFile file = jar.getJarFile()) {
                        for (JarEntry e : java.util.Collections.list(file.entries())) {
                            addIfConnector(found, e.getName());
                        }
                    }
                } else if ("file".equals(url.getProtocol())) {
                    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                        files.forEach(p -> addIfConnector(found, RESOURCE_DIR + p.getFileName()));
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            // Listing only feeds recommendations; a broken class path entry must not break validation.
            System.getLogger(BundledConnectors.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot list bundled connectors: " + e);
        }
        return found;
    }

    private static void addIfConnector(TreeSet<String> found, String entry) {
        if (entry.startsWith(RESOURCE_DIR) && entry.endsWith(SUFFIX)) {
            String name = entry.substring(RESOURCE_DIR.length(), entry.length() - SUFFIX.length());
            if (isPlainName(name)) {
                found.add(name);
            }
        }
    }

    /** Names are file names without directories, so a config value can never escape the resource dir. */
    static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && name.length() <= 128
                && name.toLowerCase(Locale.ROOT).chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c == '.')
                && !name.startsWith(".");
    }

    private static ClassLoader loader() {
        return BundledConnectors.class.getClassLoader();
    }

    /** Recommends the bundled names for {@link WasmConfig#CONNECTOR}. */
    static ConfigDef.Recommender recommender() {
        return new ConfigDef.Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsedConfig) {
                return new ArrayList<>(names());
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsedConfig) {
                return true;
            }
        };
    }
}
