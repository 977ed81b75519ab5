package io.rapidbyte.it.demo;

import io.rapidbyte.it.cli.Argument;
import java.nio.file.Path;

/**
 * Command-line options of the demo and the benchmark: {@code --rows=N[,M…]},
 * {@code --keep-running=true|false}, {@code --plugin-path=DIR}, {@code --config-dir=DIR}.
 * Every bad value is refused naming the option. Immutable.
 */
public record DemoOptions(long[] rows, boolean keepRunning, Path pluginPath, Path configDir) {

    public static DemoOptions parse(String[] args) {
        long[] rows = {1_000_000};
        boolean keep = false;
        Path plugins = Path.of("integration-tests/target/plugins");
        Path config = Path.of("config");
        for (Argument arg : Argument.parse(args)) {
            String name = arg.name();
            String value = arg.value();
            switch (name) {
                case "rows" -> rows = parseRows(value);
                case "keep-running" -> keep = parseBoolean(name, value);
                case "plugin-path" -> plugins = Path.of(value);
                case "config-dir" -> config = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option --" + name
                        + " (known: --rows, --keep-running, --plugin-path, --config-dir)");
            }
        }
        return new DemoOptions(rows, keep, plugins, config);
    }

    private static long[] parseRows(String value) {
        String[] parts = value.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Long.parseLong(parts[i].trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--rows must be positive whole numbers (comma-separated), got " + value);
            }
            if (out[i] <= 0) {
                throw new IllegalArgumentException("--rows must be positive, got " + parts[i]);
            }
        }
        return out;
    }

    private static boolean parseBoolean(String name, String value) {
        if (value.equalsIgnoreCase("true") || value.isEmpty()) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("--" + name + " must be true or false, got " + value);
    }
}
