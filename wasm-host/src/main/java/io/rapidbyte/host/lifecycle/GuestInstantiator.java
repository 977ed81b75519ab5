package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.rapidbyte.host.imports.GuestBinding;
import io.rapidbyte.host.imports.HostContext;
import io.rapidbyte.host.imports.HostImports;
import io.rapidbyte.host.timing.GuestClock;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;

/**
 * Builds the Chicory instance of a connector: compiled machine from the module cache, memory
 * capped, WASI reduced to argv = [connector name] plus captured stdout/stderr (no directories,
 * environment, stdin or sockets), and every host import bound to the instance's context.
 * {@code _start} is not run here; the owner runs it under its watchdog.
 */
final class GuestInstantiator {
    private GuestInstantiator() {
    }

    /** WASI configured for a sandboxed connector. The caller closes it. */
    static WasiPreview1 wasi(String connector, OutputStream stdout, OutputStream stderr) {
        WasiOptions options = WasiOptions.builder()
                // TeaVM's _start does new String[argc - 1]: zero arguments corrupt its heap.
                .withArguments(List.of(connector))
                // random_get feeds guest secrets (SCRAM client nonces): never a predictable PRNG.
                .withRandom(new SecureRandom())
                .withStdout(stdout, false)
                .withStderr(stderr, false)
                .withStdin(new ByteArrayInputStream(new byte[0]), false)
                .build();
        return WasiPreview1.builder().withOptions(options).build();
    }

    /**
     * @throws InvalidModuleException if the module's memory cannot fit the cap or its imports
     *         do not match the host's
     */
    static Instance instantiate(ConnectorModule module, int maxMemoryPages, PooledMemoryFactory memories,
                                WasiPreview1 wasi, HostContext ctx, GuestBinding binding, GuestClock clock) {
        MemoryLimits declared = module.declaredMemory().orElseThrow(() -> new InvalidModuleException(
                module.describe() + " does not define its own memory"));
        if (declared.initialPages() > maxMemoryPages) {
            throw new InvalidModuleException(module.describe() + " needs " + declared.initialPages()
                    + " initial memory pages, more than the cap of " + maxMemoryPages);
        }
        MemoryLimits capped = new MemoryLimits(declared.initialPages(),
                Math.min(declared.maximumPages(), maxMemoryPages), declared.shared());
        ImportValues imports = ImportValues.builder()
                .addFunction(wasi.toHostFunctions())
                .addFunction(HostImports.create(ctx, binding, clock).toArray(new HostFunction[0]))
                .build();
        try {
            return Instance.builder(module.wasm())
                    .withImportValues(imports)
                    .withMachineFactory(module.machineFactory())
                    .withMemoryLimits(capped)
                    // Measured here with the probe guest: guest loops over memory run about 1.5-2x
                    // faster on paged byte[] memory than on Chicory's default ByteBuffer one;
                    // the pages come from (and go back to) the JVM's page pool.
                    .withMemoryFactory(memories)
                    .withStart(false)
                    .build();
        } catch (ChicoryException e) {
            // Instantiation runs the module's start function; guests (TeaVM's heap set-up) grow
            // memory there without checking, so a tight cap shows up as an out-of-bounds trap.
            String hint = capped.maximumPages() < declared.maximumPages()
                    ? " (memory capped at " + capped.maximumPages() + " pages, the module allows "
                            + declared.maximumPages() + ")"
                    : "";
            throw new InvalidModuleException("cannot instantiate " + module.describe() + " as '" + ctx.connector()
                    + "': " + e.getMessage() + hint, e);
        }
    }
}
