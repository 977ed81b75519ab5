package io.rapidbyte.it.chaos;

import io.rapidbyte.it.cli.Argument;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of the chaos runner ({@code --name=value}): {@code --rows} per pipeline,
 * {@code --faults} to inject, {@code --seed} (random when absent; printed either way),
 * {@code --kinds} (pipeline kinds, comma-separated), {@code --fault-kinds} (comma-separated
 * {@link FaultKind} names, lower case with dashes allowed), {@code --timeout-minutes} for the
 * whole chain, {@code --postgres-kib-per-second} (the bandwidth between the connectors and
 * PostgreSQL in each direction, 0 for no limit: a slower chain keeps a short run's faults among
 * moving rows), {@code --changes-per-second} (the rate of the {@code cdc} kind's writers, default
 * 500), {@code --plugin-path}, {@code --config-dir}, {@code --work-dir}. Every bad value
 * is refused naming the option. Immutable.
 */
public record ChaosOptions(long rows, int faults, long seed, List<ChainKind> kinds, List<FaultKind> faultKinds,
                           Duration timeout, long postgresKibPerSecond, long changesPerSecond, Path pluginPath,
                           Path configDir, Path workDir) {

    public ChaosOptions {
        kinds = List.copyOf(kinds);
        faultKinds = List.copyOf(faultKinds);
    }

    /** The full run's defaults: 1,000,000 rows, 12 faults of every kind, both pipeline kinds. */
    public static ChaosOptions parse(String[] args) {
        long rows = 1_000_000;
        int faults = 12;
        Long seed = null;
        List<ChainKind> kinds = List.of(ChainKinds.APPEND_EXACTLY_ONCE, ChainKinds.UPSERT);
        List<FaultKind> faultKinds = Arrays.asList(FaultKind.values());
        Duration timeout = Duration.ofMinutes(30);
        long postgresKib = 0;
        long changesPerSecond = 500;
        Path plugins = Path.of("integration-tests/target/plugins");
        Path config = Path.of("config");
        Path work = Path.of("integration-tests/target/chaos");
        for (Argument arg : Argument.parse(args)) {
            String name = arg.name();
            String value = arg.value();
            switch (name) {
                case "rows" -> rows = positive(name, value);
                case "faults" -> faults = (int) Math.min(Integer.MAX_VALUE, positive(name, value));
                case "seed" -> seed = value.isEmpty() ? null : parseLong(name, value);
                case "kinds" -> kinds = parseKinds(value);
                case "fault-kinds" -> faultKinds = parseFaultKinds(value);
                case "timeout-minutes" -> timeout = Duration.ofMinutes(positive(name, value));
                case "postgres-kib-per-second" -> postgresKib = notNegative(name, value);
                case "changes-per-second" -> changesPerSecond = positive(name, value);
                case "plugin-path" -> plugins = Path.of(value);
                case "config-dir" -> config = Path.of(value);
                case "work-dir" -> work = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option --" + name + " (known: --rows, --faults, "
                        + "--seed, --kinds, --fault-kinds, --timeout-minutes, --postgres-kib-per-second, --changes-per-second, --plugin-path, --config-dir, "
                        + "--work-dir)");
            }
        }
        return new ChaosOptions(rows, faults, seed == null ? new SecureRandom().nextLong() : seed, kinds, faultKinds,
                timeout, postgresKib, changesPerSecond, plugins, config, work);
    }

    private static long positive(String name, String value) {
        long v = parseLong(name, value);
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + value);
        }
        return v;
    }

    private static long notNegative(String name, String value) {
        long v = parseLong(name, value);
        if (v < 0) {
            throw new IllegalArgumentException("--" + name + " must be 0 or positive, got " + value);
        }
        return v;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
        }
    }

    private static List<ChainKind> parseKinds(String value) {
        List<ChainKind> out = new ArrayList<>();
        for (String k : value.split(",")) {
            if (!k.isBlank()) {
                ChainKind kind = ChainKinds.byName(k.trim());
                if (out.contains(kind)) {
                    throw new IllegalArgumentException("--kinds lists " + k.trim() + " twice");
                }
                out.add(kind);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--kinds must name at least one of " + ChainKinds.names());
        }
        return out;
    }

    private static List<FaultKind> parseFaultKinds(String value) {
        List<FaultKind> out = new ArrayList<>();
        for (String k : value.split(",")) {
            if (k.isBlank()) {
                continue;
            }
            String name = k.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                out.add(FaultKind.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fault-kinds: unknown fault " + k.trim() + " (known: "
                        + Arrays.stream(FaultKind.values()).map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                        .toList() + ")");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--fault-kinds must name at least one fault");
        }
        return out;
    }
}
