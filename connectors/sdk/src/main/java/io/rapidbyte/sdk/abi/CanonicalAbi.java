package io.rapidbyte.sdk.abi;

import org.teavm.interop.Address;
import org.teavm.interop.Export;

/**
 * The {@code cabi_realloc} export: every list or string the host returns lands in the {@link Arena}.
 *
 * <p>It touches only the arena's static primitives, so it never allocates a Java object, never runs
 * a class initialiser and never triggers a collection: Java arrays the guest passed into the current
 * import therefore stay where they are while the host calls back. An arena that cannot satisfy the
 * request (or a bad alignment) is a guest bug or a hostile host; it traps with a message on stderr.
 */
public final class CanonicalAbi {
    private CanonicalAbi() {
    }

    /** Makes TeaVM keep this export and validates the arena; called on every role registration. */
    static void install() {
        Arena.ready();
    }

    /** {@code (old_ptr, old_size, align, new_size) -> ptr}; the host only uses {@code old_ptr = 0}. */
    @Export(name = "cabi_realloc")
    public static int cabiRealloc(int oldPtr, int oldSize, int align, int newSize) {
        Arena.ready();
        int ptr = Arena.alloc(align, newSize);
        if (ptr == 0) {
            throw Traps.trap("rapidbyte SDK: cabi_realloc(" + oldPtr + ", " + oldSize + ", " + align + ", "
                    + newSize + ") does not fit the arena (" + Arena.used() + " of " + Arena.capacity()
                    + " bytes used)");
        }
        if (oldPtr != 0 && oldSize > 0) {
            Address.moveMemoryBlock(Address.fromInt(oldPtr), Address.fromInt(ptr), Math.min(oldSize, newSize));
        }
        return ptr;
    }
}
