package io.rapidbyte.postgres.wire.binary;

import org.teavm.interop.Address;
import org.teavm.interop.PlatformMarker;

/**
 * Network-order (big-endian) reads and writes on byte arrays, the integer format
 * of every protocol message and binary value. Stateless; thread-safe.
 *
 * <p>In the wasm guest (TeaVM) each access is one range check, one unaligned load or store
 * through {@link Address} and a byte swap (wasm memory is little-endian). Written byte by byte,
 * TeaVM emits a null check, a bounds check and a shadow-stack slot per byte, and the method is
 * then too big for it to inline into the per-value decoders and encoders; this way it is small
 * enough. On the JVM (unit tests) the byte-wise code runs. An index out of range throws
 * {@link IndexOutOfBoundsException} on both.
 */
public final class BigEndian {

    private BigEndian() {
    }

    /** True when compiled by TeaVM (its {@code PlatformMarker} support replaces the body). */
    @PlatformMarker
    private static boolean isGuest() {
        return false;
    }

    public static short int16(byte[] b, int off) {
        if (isGuest()) {
            check(b, off, 2);
            return Short.reverseBytes(Address.ofData(b).add(off).getShort());
        }
        return (short) ((b[off] << 8) | (b[off + 1] & 0xff));
    }

    public static int uint16(byte[] b, int off) {
        return int16(b, off) & 0xffff;
    }

    public static int int32(byte[] b, int off) {
        if (isGuest()) {
            check(b, off, 4);
            return Integer.reverseBytes(Address.ofData(b).add(off).getInt());
        }
        return (b[off] << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static long int64(byte[] b, int off) {
        if (isGuest()) {
            check(b, off, 8);
            return Long.reverseBytes(Address.ofData(b).add(off).getLong());
        }
        return ((long) int32(b, off) << 32) | (int32(b, off + 4) & 0xffffffffL);
    }

    public static void putInt16(byte[] b, int off, int v) {
        if (isGuest()) {
            check(b, off, 2);
            Address.ofData(b).add(off).putShort(Short.reverseBytes((short) v));
            return;
        }
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void putInt32(byte[] b, int off, int v) {
        if (isGuest()) {
            check(b, off, 4);
            Address.ofData(b).add(off).putInt(Integer.reverseBytes(v));
            return;
        }
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void putInt64(byte[] b, int off, long v) {
        if (isGuest()) {
            check(b, off, 8);
            Address.ofData(b).add(off).putLong(Long.reverseBytes(v));
            return;
        }
        putInt32(b, off, (int) (v >>> 32));
        putInt32(b, off + 4, (int) v);
    }

    private static void check(byte[] b, int off, int width) {
        if (off < 0 || off > b.length - width) {
            throw outOfRange(off, width, b.length);
        }
    }

    /*
     * synchronized because TeaVM never inlines a synchronized method: the message building stays here
     * instead of being copied into every per-value method that inlines check(), which would make those
     * too large for HotSpot to JIT once Chicory compiles them (see wasm-build's GuestMethodSizes). It
     * runs only when an access fails, so the monitor costs nothing on the hot path.
     */
    private static synchronized IndexOutOfBoundsException outOfRange(int off, int width, int length) {
        return new IndexOutOfBoundsException("bytes " + off + ".." + ((long) off + width) + " outside an array of "
                + length);
    }
}
