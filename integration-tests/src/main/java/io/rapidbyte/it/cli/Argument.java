package io.rapidbyte.it.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --name=value} command-line argument of the demo, the benchmark and the chaos runner
 * (each gives the names their meaning). Immutable.
 *
 * @param name  without the leading dashes
 * @param value everything after the first {@code =}, trimmed (may be empty)
 */
public record Argument(String name, String value) {
    /** @throws IllegalArgumentException for an argument of another form */
    public static List<Argument> parse(String[] args) {
        List<Argument> out = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("arguments look like --name=value, got " + arg);
            }
            out.add(new Argument(arg.substring(2, eq), arg.substring(eq + 1).trim()));
        }
        return out;
    }
}
