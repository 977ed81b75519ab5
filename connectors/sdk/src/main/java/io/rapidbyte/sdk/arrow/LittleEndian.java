package io.rapidbyte.sdk.arrow;

/**
 * Little-endian primitive access on byte arrays. Arrow IPC and FlatBuffers are little-endian;
 * explicit byte code is used instead of ByteBuffer because TeaVM's ByteBuffer is slow and
 * the callers already bounds-check every access they make from untrusted input.
 */
final class LittleEndian {
    private LittleEndian() {
    }

    static int getShortUnsigned(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    static int getInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    // Written out byte by byte rather than via getInt/putInt: TeaVM does not always inline, and
    // on wasm an extra call per value is measurable.
    static long getLong(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24
                | (b[p + 4] & 0xFFL) << 32 | (b[p + 5] & 0xFFL) << 40 | (b[p + 6] & 0xFFL) << 48 | (long) b[p + 7] << 56;
    }

    static void putShort(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    static void putLong(byte[] b, int p, long v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
        b[p + 4] = (byte) (v >>> 32);
        b[p + 5] = (byte) (v >>> 40);
        b[p + 6] = (byte) (v >>> 48);
        b[p + 7] = (byte) (v >>> 56);
    }
}
