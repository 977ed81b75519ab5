package io.rapidbyte.postgres.wire.binary;

/**
 * Network-order (big-endian) reads and writes on byte arrays, the integer format
 * of every protocol message and binary value. Stateless; thread-safe.
 */
public final class BigEndian {

    private BigEndian() {
    }

    public static short int16(byte[] b, int off) {
        return (short) ((b[off] << 8) | (b[off + 1] & 0xff));
    }

    public static int uint16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    public static int int32(byte[] b, int off) {
        return (b[off] << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    public static long int64(byte[] b, int off) {
        return ((long) int32(b, off) << 32) | (int32(b, off + 4) & 0xffffffffL);
    }

    public static void putInt16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void putInt32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    public static void putInt64(byte[] b, int off, long v) {
        putInt32(b, off, (int) (v >>> 32));
        putInt32(b, off + 4, (int) v);
    }
}
