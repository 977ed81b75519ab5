package io.rapidbyte.host.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Per-JVM cache of compiled modules keyed by the SHA-256 of the wasm bytes. Compiling a large
 * module costs seconds, so each module is parsed and compiled exactly once even when several
 * threads load it at the same time: the first caller compiles, the others wait for its result.
 * A failed compilation is not cached. Thread-safe.
 */
final class ModuleCache {
    private static final ConcurrentHashMap<String, CompletableFuture<ConnectorModule>> CACHE =
            new ConcurrentHashMap<>();

    private ModuleCache() {
    }

    static ConnectorModule get(String sha256, Supplier<ConnectorModule> compiler) {
        CompletableFuture<ConnectorModule> mine = new CompletableFuture<>();
        CompletableFuture<ConnectorModule> existing = CACHE.putIfAbsent(sha256, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            ConnectorModule module = compiler.get();
            mine.complete(module);
            return module;
        } catch (RuntimeException | Error e) {
            CACHE.remove(sha256, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Modules currently cached (for diagnostics and tests). */
    static int size() {
        return CACHE.size();
    }

    private static ConnectorModule await(CompletableFuture<ConnectorModule> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
