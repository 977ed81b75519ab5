package io.rapidbyte.wasm.build;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.teavm.vm.TeaVMOptimizationLevel;

/**
 * Command-line options of {@link WasmBuildCli}. Immutable and thread-safe.
 *
 * @param mainClass the connector's class with {@code main}, which registers its implementation
 * @param classPath the connector's classes and runtime dependencies (TeaVM's input)
 * @param manifest the manifest JSON file
 * @param output the {@code .wasm} file to write
 * @param minHeap TeaVM's initial heap in bytes; keep it at least twice the largest single array the
 *     connector allocates (TeaVM 0.13.1's collector can fail to grow the heap for larger ones)
 * @param maxHeap TeaVM's maximum heap in bytes
 * @param arenaSize the SDK arena in bytes (multiple of 64 KiB)
 * @param optimization TeaVM optimisation level
 * @param debug emit TeaVM debug information (DWARF sections), at the cost of a much larger module; the
 *     name section (function names in traps, profiles and {@link ModuleValidator} reports) is always there
 * @param coldFunctions file naming the wasm functions allowed over HotSpot's JIT size limit
 *     ({@link GuestMethodSizes}); null or missing = none
 * @param stamp where to keep the inputs' fingerprint so an unchanged build is skipped; null = always build
 */
public record BuildOptions(String mainClass, List<File> classPath, Path manifest, Path output, int minHeap,
        int maxHeap, int arenaSize, TeaVMOptimizationLevel optimization, boolean debug, Path coldFunctions, Path stamp) {

    public static final String USAGE = String.join("\n",
            "usage: WasmBuildCli --main-class <class> --classpath <path" + File.pathSeparator + "...>",
            "                    --manifest <manifest.json> --output <name.wasm>",
            "                    [--min-heap 16m] [--max-heap 128m] [--arena 4m]",
            "                    [--optimization SIMPLE|ADVANCED|FULL] [--debug true|false] [--stamp <file>]",
            "                    [--cold-functions <file>]",
            "Sizes accept k/m/g suffixes (powers of 1024).");

    static final int DEFAULT_MIN_HEAP = 16 << 20;
    static final int DEFAULT_MAX_HEAP = 128 << 20;
    static final int DEFAULT_ARENA = 4 << 20;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message fit for the user. */
    public static BuildOptions parse(String[] args) {
        String mainClass = null;
        List<File> classPath = new ArrayList<>();
        Path manifest = null;
        Path output = null;
        int minHeap = DEFAULT_MIN_HEAP;
        int maxHeap = DEFAULT_MAX_HEAP;
        int arena = DEFAULT_ARENA;
        TeaVMOptimizationLevel optimization = TeaVMOptimizationLevel.FULL;
        boolean debug = false;
        Path stamp = null;
        Path cold = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--main-class": mainClass = value; break;
                case "--classpath": classPath.addAll(splitPath(value)); break;
                case "--manifest": manifest = Path.of(value); break;
                case "--output": output = Path.of(value); break;
                case "--min-heap": minHeap = parseSize(arg, value); break;
                case "--max-heap": maxHeap = parseSize(arg, value); break;
                case "--arena": arena = parseSize(arg, value); break;
                case "--optimization": optimization = parseLevel(value); break;
                case "--stamp": stamp = Path.of(value); break;
                case "--cold-functions": cold = Path.of(value); break;
                case "--debug": debug = parseBoolean(arg, value); break;
                default: throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        require(mainClass, "--main-class");
        require(manifest, "--manifest");
        require(output, "--output");
        if (classPath.isEmpty()) {
            throw new IllegalArgumentException("--classpath is required");
        }
        if (minHeap > maxHeap) {
            throw new IllegalArgumentException("--min-heap exceeds --max-heap");
        }
        if (arena % ArenaPatcher.PAGE != 0) {
            throw new IllegalArgumentException("--arena must be a multiple of 64k");
        }
        return new BuildOptions(mainClass, List.copyOf(classPath), manifest, output, minHeap, maxHeap, arena,
                optimization, debug, cold, stamp);
    }

    private static List<File> splitPath(String value) {
        List<File> files = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                files.add(new File(entry.trim()));
            }
        }
        return files;
    }

    static int parseSize(String option, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("k")) {
            unit = 1L << 10;
        } else if (v.endsWith("m")) {
            unit = 1L << 20;
        } else if (v.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            v = v.substring(0, v.length() - 1);
        }
        long bytes;
        try {
            bytes = Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a size: " + value);
        }
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + ": size out of range: " + value);
        }
        return (int) bytes;
    }

    private static boolean parseBoolean(String option, String value) {
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(option + " must be true or false: " + value);
    }

    private static TeaVMOptimizationLevel parseLevel(String value) {
        try {
            return TeaVMOptimizationLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--optimization must be SIMPLE, ADVANCED or FULL: " + value);
        }
    }

    private static void require(Object value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required");
        }
    }
}
