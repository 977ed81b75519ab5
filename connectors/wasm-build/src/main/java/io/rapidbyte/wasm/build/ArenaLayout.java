package io.rapidbyte.wasm.build;

/**
 * Where the post-processor put the guest SDK's non-moving arena, and how it resized memory.
 *
 * <p>The arena occupies {@code [base, base + size)}; its last {@link ArenaPatcher#HEADER_SIZE} bytes
 * hold the header the SDK reads at start-up (see {@link ArenaPatcher}).
 *
 * @param base first byte of the arena (16-aligned: TeaVM's former heap start)
 * @param size arena size in bytes, header included (a multiple of the 64 KiB page)
 * @param minPages declared initial memory pages after the patch
 * @param maxPages declared maximum memory pages after the patch
 */
public record ArenaLayout(int base, int size, int minPages, int maxPages) {
    public int headerAddress() {
        return base + size - ArenaPatcher.HEADER_SIZE;
    }
}
