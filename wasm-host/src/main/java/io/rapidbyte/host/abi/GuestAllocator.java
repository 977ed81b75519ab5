package io.rapidbyte.host.abi;

/**
 * The guest's exported {@code cabi_realloc}: {@code (old_ptr, old_size, align, new_size) -> ptr}.
 * The host only ever passes {@code old_ptr = 0, old_size = 0} (ABI.md section 1).
 *
 * <p>Calling it re-enters the guest, which may move or reuse any memory it has not pinned, so
 * every guest parameter must already have been copied out before the first call.
 */
@FunctionalInterface
public interface GuestAllocator {
    int realloc(int oldPtr, int oldSize, int align, int newSize);
}
