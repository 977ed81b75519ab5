package io.rapidbyte.host.imports;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import io.rapidbyte.host.abi.GuestAllocator;
import io.rapidbyte.host.abi.GuestMemory;
import io.rapidbyte.host.abi.Lowering;
import java.util.Objects;

/**
 * The guest's memory and {@code cabi_realloc}, which the host functions need but which only
 * exist once the instance does. Imports are created first with an unbound binding; it is bound
 * by the first host function call or by the owner right after instantiation, whichever comes
 * first.
 *
 * <p>Confined to the thread running the instance (binding happens before that thread starts
 * calling exports, or on it).
 */
public final class GuestBinding {
    private Lowering lowering;

    /** Binds to an instance's exported {@code memory} and {@code cabi_realloc}. */
    public void bind(Instance instance) {
        ExportFunction realloc = instance.export("cabi_realloc");
        bind(new GuestMemory(instance.exports().memory("memory")),
                (oldPtr, oldSize, align, newSize) -> (int) realloc.apply(oldPtr, oldSize, align, newSize)[0]);
    }

    /**
     * Binds to {@code instance} unless already bound. Host functions call this with the instance
     * Chicory passes them, so imports work even when the module's start function (which runs
     * inside instantiation, before the owner can bind) calls them.
     */
    public void ensureBound(Instance instance) {
        if (lowering == null && instance != null) {
            bind(instance);
        }
    }

    /** Binds to an explicit memory and allocator (unit tests). */
    public void bind(GuestMemory memory, GuestAllocator allocator) {
        if (lowering != null) {
            throw new IllegalStateException("guest binding is already bound");
        }
        this.lowering = new Lowering(Objects.requireNonNull(memory), Objects.requireNonNull(allocator));
    }

    /** The bound lowering; a host function called before binding is a host bug. */
    public Lowering lowering() {
        if (lowering == null) {
            throw new IllegalStateException("a host function ran before the guest was bound");
        }
        return lowering;
    }

    public GuestMemory memory() {
        return lowering().memory();
    }
}
