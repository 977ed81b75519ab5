package io.rapidbyte.sdk.arrow;

import org.teavm.interop.Address;
import org.teavm.interop.PlatformMarker;

/**
 * Little-endian primitive access on byte arrays. Arrow IPC and FlatBuffers are little-endian;
 * explicit code is used instead of ByteBuffer because TeaVM's ByteBuffer is slow.
 *
 * <p>In the wasm guest (TeaVM) each access is one range check and one unaligned load or store
 * through {@link Address}: wasm memory is little-endian, so an {@code i64.store} writes Arrow's
 * byte order. Written byte by byte, TeaVM emits a null check, a bounds check and a shadow-stack
 * slot per byte, and the call is too big for it to inline; this way it is small enough to inline
 * into the per-value loops. On the JVM (unit tests) the byte-wise code runs. An index out of
 * range throws {@link IndexOutOfBoundsException} on both. Stateless.
 */
final class LittleEndian {
    private LittleEndian() {
    }

    /** True when compiled by TeaVM (its {@code PlatformMarker} support replaces the body). */
    @PlatformMarker
    static boolean isGuest() {
        return false;
    }

    static int getShortUnsigned(byte[] b, int p) {
        if (isGuest()) {
            check(b, p, 2);
            return Address.ofData(b).add(p).getShort() & 0xFFFF;
        }
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static int getInt(byte[] b, int p) {
        if (isGuest()) {
            check(b, p, 4);
            return Address.ofData(b).add(p).getInt();
        }
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    static long getLong(byte[] b, int p) {
        if (isGuest()) {
            check(b, p, 8);
            return Address.ofData(b).add(p).getLong();
        }
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48 | (long) b[p + 7] << 56;
    }

    static void putShort(byte[] b, int p, int v) {
        if (isGuest()) {
            check(b, p, 2);
            Address.ofData(b).add(p).putShort((short) v);
            return;
        }
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] b, int p, int v) {
        if (isGuest()) {
            check(b, p, 4);
            Address.ofData(b).add(p).putInt(v);
            return;
        }
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    static void putLong(byte[] b, int p, long v) {
        if (isGuest()) {
            check(b, p, 8);
            Address.ofData(b).add(p).putLong(v);
            return;
        }
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        b[p + 4] = (byte) (v >>> 32);
        b[p + 5] = (byte) (v >>> 40);
        b[p + 6] = (byte) (v >>> 48);
        b[p + 7] = (byte) (v >>> 56);
    }

    private static void check(byte[] b, int p, int width) {
        if (p < 0 || p > b.length - width) {
            throw outOfRange(p, width, b.length);
        }
    }

    /*
     * synchronized because TeaVM never inlines a synchronized method: the message building stays here
     * instead of being copied into every per-value method that inlines check(), which would make those
     * too large for HotSpot to JIT once Chicory compiles them (see wasm-build's GuestMethodSizes). It
     * runs only when an access fails, so the monitor costs nothing on the hot path.
     */
    private static synchronized IndexOutOfBoundsException outOfRange(int p, int width, int length) {
        return new IndexOutOfBoundsException("bytes " + p + ".." + ((long) p + width) + " outside an array of " + length);
    }
}
