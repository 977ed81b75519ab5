package io.rapidbyte.examples.verify;

/**
 * FNV-1a (64 bit) over the bytes of one row's canonical encoding (see {@link CanonicalRowEncoder}),
 * finished with the splitmix64 finalizer. FNV alone leaves its low bits weak, and the checksum adds
 * row hashes, so the finalizer spreads every input bit over the whole word first.
 *
 * <p>Multi-byte values are fed little-endian. Reusable with {@link #reset()}; not thread-safe.
 */
public final class RowHasher {
    public static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    public static final long FNV_PRIME = 0x100000001b3L;

    private long state = FNV_OFFSET_BASIS;

    public void reset() {
        state = FNV_OFFSET_BASIS;
    }

    public void putByte(int b) {
        state = (state ^ (b & 0xFF)) * FNV_PRIME;
    }

    public void putInt(int v) {
        long h = state;
        for (int i = 0; i < 32; i += 8) {
            h = (h ^ ((v >>> i) & 0xFF)) * FNV_PRIME;
        }
        state = h;
    }

    public void putLong(long v) {
        long h = state;
        for (int i = 0; i < 64; i += 8) {
            h = (h ^ ((v >>> i) & 0xFF)) * FNV_PRIME;
        }
        state = h;
    }

    public void putBytes(byte[] data, int offset, int length) {
        long h = state;
        for (int i = offset; i < offset + length; i++) {
            h = (h ^ (data[i] & 0xFF)) * FNV_PRIME;
        }
        state = h;
    }

    /** The plain FNV-1a state (for known-answer tests). */
    public long fnv() {
        return state;
    }

    /** The row hash: the finalized state. */
    public long finish() {
        return mix64(state);
    }

    /** The splitmix64 finalizer. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
