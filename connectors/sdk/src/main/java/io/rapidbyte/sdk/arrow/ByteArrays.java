package io.rapidbyte.sdk.arrow;

import org.teavm.interop.Address;

/**
 * Growth policy for the SDK's byte arrays, and the one short value copy for guests. TeaVM's non-GC
 * wasm backend has no negative-array-size check, so every size is computed in {@code long} and
 * checked here before an array is allocated. Only {@link #copyValue} is public: connectors use it
 * to move column and field values in their per-row loops. Stateless.
 */
public final class ByteArrays {
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

    /** Values up to this many bytes are copied word by word in the guest rather than by System.arraycopy. */
    static final int SHORT_COPY = 64;

    /**
     * Copies {@code len} bytes between two different arrays, like {@code System.arraycopy}. In the
     * guest, a value of up to {@value #SHORT_COPY} bytes (most column values) is copied with 8-byte
     * loads and stores after one range check: TeaVM's arraycopy checks the array types and both
     * ranges before its {@code memory.copy}, and Chicory's {@code memory.copy} on JDK 17 goes through
     * a work-around dispatch, a fixed cost per call that is most of a short copy's time.
     *
     * <p>Use it for a copy per value in a per-row loop (a column value, a key field); for a buffer
     * or a block of rows {@code System.arraycopy} is as fast. On the JVM (unit tests) it is
     * {@code System.arraycopy}. Both ranges are always checked, on both runtimes.
     *
     * @throws IndexOutOfBoundsException if {@code len} is negative or either range is outside its
     *     array; nothing is copied then
     */
    public static void copyValue(byte[] src, int srcPos, byte[] dst, int dstPos, int len) {
        if (LittleEndian.isGuest() && len <= SHORT_COPY) {
            if (len < 0 || srcPos < 0 || srcPos > src.length - len || dstPos < 0 || dstPos > dst.length - len) {
                throw outOfRange(srcPos, dstPos, len);
            }
            Address from = Address.ofData(src).add(srcPos);
            Address to = Address.ofData(dst).add(dstPos);
            int i = 0;
            for (; i <= len - 8; i += 8) {
                to.add(i).putLong(from.add(i).getLong());
            }
            for (; i < len; i++) {
                to.add(i).putByte(from.add(i).getByte());
            }
            return;
        }
        System.arraycopy(src, srcPos, dst, dstPos, len);
    }

    // synchronized only so that TeaVM does not inline it (see LittleEndian.outOfRange); failure path.
    private static synchronized IndexOutOfBoundsException outOfRange(int srcPos, int dstPos, int len) {
        return new IndexOutOfBoundsException("copy of " + len + " bytes from " + srcPos + " to " + dstPos
                + " is outside an array");
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
