package io.rapidbyte.wasm.build;

import java.io.File;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.teavm.diagnostics.Problem;
import org.teavm.tooling.TeaVMProblemRenderer;
import org.teavm.tooling.TeaVMTargetType;
import org.teavm.tooling.TeaVMTool;
import org.teavm.tooling.TeaVMToolException;
import org.teavm.tooling.TeaVMToolLog;

/**
 * Compiles a connector's classes to a core wasm module with TeaVM 0.13.1 ({@code WEBASSEMBLY_WASI},
 * the non-GC backend). Any severe TeaVM problem fails the build.
 *
 * <p>TeaVM reads classes only from the class path it is given, so the helper's own class path (which
 * holds TeaVM's class library and runtime) is appended after the connector's entries: the
 * connector's copy of a class always wins. Not thread-safe (TeaVM is not reentrant).
 */
final class TeaVmCompiler {
    private final PrintStream out;
    private final PrintStream err;

    TeaVmCompiler(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Builds into {@code workDir} and returns the produced module bytes. */
    byte[] compile(BuildOptions options, Path workDir) throws BuildFailure {
        List<File> classPath = teavmClassPath(options.classPath());
        TeaVMTool tool = new TeaVMTool();
        tool.setTargetType(TeaVMTargetType.WEBASSEMBLY_WASI);
        tool.setMainClass(options.mainClass());
        tool.setTargetDirectory(workDir.toFile());
        tool.setTargetFileName("classes.wasm");
        tool.setOptimizationLevel(options.optimization());
        tool.setDebugInformationGenerated(options.debug());
        // Never obfuscated: the module keeps its name section (+25% module size), so traps, profiles of the
        // compiled guest and the guest method size check (wasm-host GuestMethodSizes) name Java methods.
        tool.setObfuscated(false);
        tool.setIncremental(false);
        tool.setMinHeapSize(options.minHeap());
        tool.setMaxHeapSize(options.maxHeap());
        tool.setClassPath(classPath);
        tool.setClassLoader(new URLClassLoader(toUrls(options.classPath()), TeaVmCompiler.class.getClassLoader()));
        CollectingLog log = new CollectingLog();
        tool.setLog(log);
        try {
            tool.generate();
        } catch (TeaVMToolException | RuntimeException e) {
            throw new BuildFailure("TeaVM failed: " + e, e);
        }
        if (tool.wasCancelled()) {
            throw new BuildFailure("TeaVM build was cancelled");
        }
        TeaVMProblemRenderer.describeProblems(tool.getDependencyInfo().getCallGraph(), tool.getProblemProvider(),
                log);
        List<Problem> severe = tool.getProblemProvider().getSevereProblems();
        if (!severe.isEmpty()) {
            throw new BuildFailure("TeaVM reported " + severe.size() + " severe problem(s):\n" + log.errors());
        }
        Path produced = workDir.resolve("classes.wasm");
        try {
            return Files.readAllBytes(produced);
        } catch (java.io.IOException e) {
            throw new BuildFailure("TeaVM produced no module at " + produced, e);
        }
    }

    private static List<File> teavmClassPath(List<File> connector) {
        Set<File> entries = new LinkedHashSet<>(connector);
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(new File(entry));
            }
        }
        return new ArrayList<>(entries);
    }

    private static URL[] toUrls(List<File> files) throws BuildFailure {
        URL[] urls = new URL[files.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = files.get(i).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new BuildFailure("bad class path entry " + files.get(i), e);
            }
        }
        return urls;
    }

    /** Prints TeaVM's messages as they come and keeps the errors for the failure message. */
    private final class CollectingLog implements TeaVMToolLog {
        private final StringBuilder errors = new StringBuilder();

        String errors() {
            return errors.toString();
        }

        @Override
        public void info(String text) {
            out.println("[teavm] " + text);
        }

        @Override
        public void debug(String text) {
        }

        @Override
        public void warning(String text) {
            err.println("[teavm] WARNING " + text);
        }

        @Override
        public void error(String text) {
            err.println("[teavm] ERROR " + text);
            errors.append(text).append('\n');
        }

        @Override
        public void info(String text, Throwable e) {
            info(text + ": " + e);
        }

        @Override
        public void debug(String text, Throwable e) {
        }

        @Override
        public void warning(String text, Throwable e) {
            warning(text + ": " + e);
        }

        @Override
        public void error(String text, Throwable e) {
            error(text + ": " + e);
        }
    }
}
