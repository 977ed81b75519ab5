package io.rapidbyte.connect.records;

/** Little-endian reads from byte arrays (Arrow IPC is little-endian). Callers check bounds. */
final class RecordLittleEndian {
    private RecordLittleEndian() {
    }

    static int i32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    static long i64(byte[] b, int p) {
        return (i32(b, p) & 0xFFFFFFFFL) | ((long) i32(b, p + 4) << 32);
    }
}
