package io.rapidbyte.sdk.arrow;

/**
 * Growable little-endian output buffer for IPC streams. Positions are relative to index 0,
 * which is where the stream starts, so 8-byte alignment of the stream equals alignment here.
 * Not thread-safe.
 */
final class ByteArrayOutput {
    private byte[] buf;
    private int pos;

    ByteArrayOutput(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    int position() {
        return pos;
    }

    byte[] array() {
        return buf;
    }

    void reset() {
        pos = 0;
    }

    void ensure(long extra) {
        buf = ByteArrays.ensure(buf, pos, pos + extra);
    }

    void writeInt(int v) {
        ensure(4);
        LittleEndian.putInt(buf, pos, v);
        pos += 4;
    }

    void write(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    /** Writes zeros up to the next multiple of 8; the buffer may hold stale bytes from reuse. */
    void pad8() {
        int pad = (-pos) & 7;
        ensure(pad);
        for (int i = 0; i < pad; i++) {
            buf[pos++] = 0;
        }
    }

    /** Writes an IPC body buffer: the bytes followed by zero padding to 8. */
    void writeBuffer(byte[] src, int off, int len) {
        write(src, off, len);
        pad8();
    }
}
