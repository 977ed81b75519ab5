package io.rapidbyte.host.imports;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Every import of {@code rapidbyte:connector/host@3.0.0} (ABI.md section 3) as Chicory host
 * functions bound to one instance's {@link HostContext}.
 *
 * <p>The functions are confined to the thread running that instance, like the instance itself.
 * None of them returns a core value: results go to the guest's return area.
 */
public final class HostImports {
    /** The core import module name. */
    public static final String MODULE = "rapidbyte:connector/host@3.0.0";

    private HostImports() {
    }

    /** All host functions, for {@code ImportValues.builder().addFunction(...)}. */
    public static List<HostFunction> create(HostContext ctx, GuestBinding guest) {
        List<HostFunction> all = new ArrayList<>();
        all.addAll(new FrameImports(ctx, guest).functions());
        all.addAll(new SocketImports(ctx, guest).functions());
        all.addAll(new TlsImports(ctx, guest).functions());
        all.addAll(new ControlImports(ctx, guest).functions());
        return List.copyOf(all);
    }

    static HostFunction function(GuestBinding guest, String name, List<ValType> params, WasmFunctionHandle handle) {
        return new HostFunction(MODULE, name, FunctionType.of(params, List.of()), (instance, args) -> {
            guest.ensureBound(instance);
            return handle.apply(instance, args);
        });
    }

    /** A core i32 argument (Chicory passes all values widened to long). */
    static int i32(long raw) {
        return (int) raw;
    }
}
