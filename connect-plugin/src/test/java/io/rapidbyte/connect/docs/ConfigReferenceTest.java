package io.rapidbyte.connect.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Keeps the configuration reference in the top-level README equal to what {@link ConfigReference}
 * renders from the code. With {@code -Drapidbyte.docs.update=true} the README's generated block is
 * rewritten instead of compared.
 */
class ConfigReferenceTest {
    static final String REGENERATE =
            "mvn -pl connect-plugin test -Dtest=ConfigReferenceTest -Drapidbyte.docs.update=true";
    static final String BEGIN = "<!-- BEGIN GENERATED: config-reference (" + REGENERATE + ") -->";
    static final String END = "<!-- END GENERATED: config-reference -->";
    /** The README, relative to the module directory (surefire's working directory). */
    static final Path README = Path.of("..", "README.md");

    @Test
    void theReadmeHoldsTheCurrentReference() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8).replace("\r\n", "\n");
        int begin = readme.indexOf(BEGIN + "\n");
        int end = readme.indexOf(END, Math.max(begin, 0));
        if (begin < 0 || end < 0 || readme.indexOf(BEGIN, begin + 1) >= 0) {
            fail(README.toAbsolutePath().normalize() + " must contain exactly one block between the lines\n  " + BEGIN
                    + "\nand\n  " + END);
        }
        int from = begin + BEGIN.length() + 1;
        String actual = readme.substring(from, end);
        String expected = "\n" + ConfigReference.render() + "\n";
        if (Boolean.getBoolean("rapidbyte.docs.update")) {
            if (!actual.equals(expected)) {
                Files.writeString(README, readme.substring(0, from) + expected + readme.substring(end),
                        StandardCharsets.UTF_8);
                System.out.println("ConfigReferenceTest: rewrote the generated block of "
                        + README.toAbsolutePath().normalize());
            }
            return;
        }
        if (!actual.equals(expected)) {
            fail("The configuration reference in README.md is out of date (" + firstDifference(expected, actual)
                    + "). Regenerate it with:\n  " + REGENERATE + "\nand commit the README.");
        }
    }

    @Test
    void theReferenceDocumentsTheBundledSettings() {
        String md = ConfigReference.render();
        String password = row(md, "`wasm.config.password`").orElseThrow(() -> new AssertionError(md));
        assertTrue(password.startsWith("| `wasm.config.password` | password |"), password);
        assertTrue(cells(password).get(4).equals("yes"), "marked secret: " + password);
        long passwordRows = md.lines().filter(l -> l.startsWith("| `wasm.config.password` |")).count();
        assertEquals(2, passwordRows, "source-postgres and dest-postgres both have a password");

        String writeMode = row(md, "`wasm.config.write_mode`").orElseThrow(() -> new AssertionError(md));
        for (String mode : List.of("append", "replace", "upsert")) {
            assertTrue(cells(writeMode).get(6).contains(mode), "enum value " + mode + " in " + writeMode);
        }
        String port = row(md, "`wasm.config.port`").orElseThrow();
        assertTrue(port.contains("≥ 1") && port.contains("≤ 65535") && port.contains("`5432`"), port);
        assertTrue(md.contains("`${host}:${port}`"), "network templates are listed");
        assertTrue(md.contains("`<host>:5432`"), "and what they derive");

        String hashKey = row(md, "`wasm.transforms.<name>.config.hash_key`").orElseThrow(() -> new AssertionError(md));
        assertTrue(cells(hashKey).get(4).equals("yes"), "the mask's HMAC key is a secret: " + hashKey);
        assertTrue(row(md, "`wasm.transforms.<name>.config.filter`").isPresent(), "the filter is documented");
        assertTrue(md.contains("`transforms.<alias>.module.connector=example-mask`"), "and how the SMT selects it");

        for (String key : List.of("wasm.connector", "wasm.memory.max.mb", "topic", "dlq.topic", "stream.routing",
                "flush.timeout.ms")) {
            assertTrue(row(md, "`" + key + "`").isPresent(), key);
        }
        assertFalse(md.contains("task.streams"), "internal keys are not documented");
        assertEquals(1, md.lines().filter(l -> l.startsWith("| `wasm.memory.max.mb` |")).count(),
                "common keys are listed once");
    }

    @Test
    void theReferenceIsDeterministicAndTableSafe() {
        String md = ConfigReference.render();
        assertEquals(md, ConfigReference.render());
        int columns = -1;
        for (String line : md.lines().toList()) {
            if (!line.startsWith("|")) {
                columns = -1;
                continue;
            }
            int n = cells(line).size();
            if (columns < 0) {
                columns = n;
            }
            assertEquals(columns, n, "every row of a table has the header's cell count: " + line);
        }
    }

    @Test
    void cellsAreEscaped() {
        assertEquals("a \\| b &lt;name&gt; \\*.domain \\_hidden snake_case", ConfigReference.text("a | b\n<name> *.domain _hidden snake_case"));
        assertEquals("`x \\| y`", ConfigReference.code("x |\ny"));
    }

    private static Optional<String> row(String md, String firstCell) {
        return md.lines().filter(l -> l.startsWith("| " + firstCell + " |")).findFirst();
    }

    /** The cells of a table row, split at unescaped pipes. */
    private static List<String> cells(String row) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < row.length(); i++) {
            char c = row.charAt(i);
            if (c == '\\' && i + 1 < row.length()) {
                cell.append(c).append(row.charAt(++i));
            } else if (c == '|') {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return out;
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "<end>";
            String y = i < a.size() ? a.get(i) : "<end>";
            if (!x.equals(y)) {
                return "generated line " + (i + 1) + " differs: README has \"" + y + "\", code renders \"" + x + "\"";
            }
        }
        return "whitespace differs";
    }
}
