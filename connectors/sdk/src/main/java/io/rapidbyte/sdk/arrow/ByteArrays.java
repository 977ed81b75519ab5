package io.rapidbyte.sdk.arrow;

/**
 * Growth policy for the SDK's byte arrays. TeaVM's non-GC wasm backend has no
 * negative-array-size check, so every size is computed in {@code long} and checked here
 * before an array is allocated.
 */
final class ByteArrays {
    /** Largest array the SDK allocates; a little below Integer.MAX_VALUE like the JDK's limit. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private ByteArrays() {
    }

    /**
     * Returns {@code a} if it holds at least {@code needed} bytes, otherwise a larger copy whose
     * first {@code used} bytes equal those of {@code a}.
     */
    static byte[] ensure(byte[] a, int used, long needed) {
        if (needed <= a.length) {
            return a;
        }
        if (needed > MAX_ARRAY || needed < 0) {
            throw new IllegalStateException("buffer would exceed " + MAX_ARRAY + " bytes (needed " + needed + ")");
        }
        long grown = Math.max(needed, Math.max(64L, (long) a.length * 2));
        int size = (int) Math.min(grown, MAX_ARRAY);
        byte[] b = new byte[size];
        System.arraycopy(a, 0, b, 0, used);
        return b;
    }

    /** Rounds up to a multiple of 8, the IPC buffer alignment. */
    static long pad8(long n) {
        return (n + 7) & ~7L;
    }

    /** Checks a size computed from untrusted or user input before allocating with it. */
    static int checkedSize(long n, String what) {
        if (n < 0 || n > MAX_ARRAY) {
            throw new ArrowFormatException(what + ": size " + n + " out of range");
        }
        return (int) n;
    }
}
