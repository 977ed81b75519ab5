package io.rapidbyte.wasm.build;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Builds one connector's {@code .wasm}: TeaVM compile, arena patch, manifest section.
 *
 * <p>Exit codes: 0 built, 1 build failed (problems printed), 2 bad command line. Run by Maven through
 * the {@code rapidbyte-wasm} profile of {@code connectors/pom.xml}; see {@link BuildOptions#USAGE}.
 */
public final class WasmBuildCli {
    private WasmBuildCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the build and returns the process exit code; never calls {@link System#exit}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        BuildOptions options;
        try {
            options = BuildOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("rapidbyte-wasm-build: " + e.getMessage());
            err.println(BuildOptions.USAGE);
            return 2;
        }
        try {
            String fingerprint = options.stamp() != null ? InputFingerprint.of(options) : null;
            if (fingerprint != null && InputFingerprint.upToDate(options.stamp(), options.output(), fingerprint)) {
                out.println("[rapidbyte-wasm-build] " + options.output() + " is up to date");
                return 0;
            }
            ArenaLayout layout = build(options, out, err);
            if (fingerprint != null) {
                InputFingerprint.record(options.stamp(), fingerprint);
            }
            out.printf("[rapidbyte-wasm-build] wrote %s (%d bytes; arena %d bytes at 0x%x; memory %d..%d pages)%n",
                    options.output(), Files.size(options.output()), layout.size(), layout.base(),
                    layout.minPages(), layout.maxPages());
            return 0;
        } catch (BuildFailure | IOException | RuntimeException e) {
            err.println("rapidbyte-wasm-build: FAILED: " + e.getMessage());
            return 1;
        }
    }

    private static ArenaLayout build(BuildOptions options, PrintStream out, PrintStream err)
            throws BuildFailure, IOException {
        ConnectorManifest manifest;
        try {
            manifest = ConnectorManifest.parse(Files.readAllBytes(options.manifest()));
        } catch (IOException e) {
            throw new BuildFailure("cannot read manifest " + options.manifest() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new BuildFailure(options.manifest() + ": " + e.getMessage(), e);
        }
        Path workDir = Files.createTempDirectory("rapidbyte-teavm-");
        try {
            byte[] compiled = new TeaVmCompiler(out, err).compile(options, workDir);
            ModuleValidator.validate(compiled, "TeaVM's output (before post-processing, so a TeaVM "
                    + options.optimization() + " miscompile: restructure that method, see ModuleValidator, or lower"
                    + " --optimization)");
            WasmModule module = WasmModule.parse(compiled);
            ArenaLayout layout = ArenaPatcher.patch(module, options.arenaSize(), options.minHeap(),
                    options.maxHeap());
            manifest.embedInto(module);
            byte[] result = module.toBytes();
            ModuleValidator.validate(result, "the post-processed module");
            GuestMethodSizes.Report sizes;
            try {
                sizes = GuestMethodSizes.check(result, options.coldFunctions());
            } catch (BuildFailure e) {
                throw new BuildFailure(e.getMessage() + "\nThe rejected module, to look at (e.g. jco print): "
                        + keepRejected(options, result), e);
            }
            out.printf("[rapidbyte-wasm-build] JIT size check: %,d compiled methods, largest %,d bytes; %d over %,d "
                    + "bytes, all listed cold%n", sizes.methods(), sizes.largest(), sizes.huge().size(),
                    GuestMethodSizes.HUGE_METHOD_LIMIT);
            for (GuestMethodSizes.Huge h : sizes.huge()) {
                out.println("[rapidbyte-wasm-build]   " + h);
            }
            writeAtomically(options.output(), result);
            return layout;
        } finally {
            deleteTree(workDir);
        }
    }

    /** Writes a module that failed a check beside the build stamp (not into the classes it would ship in). */
    private static Path keepRejected(BuildOptions options, byte[] module) throws IOException {
        Path dir = options.stamp() != null ? options.stamp().toAbsolutePath().getParent()
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve(options.output().getFileName() + ".rejected");
        Files.createDirectories(dir);
        Files.write(file, module);
        return file;
    }

    private static void writeAtomically(Path output, byte[] bytes) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // A plain sibling (not createTempFile, which is owner-only) so the module keeps normal permissions.
        Path tmp = dir.resolve(output.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
