package io.rapidbyte.wasm.build;

import java.util.Arrays;

/**
 * Sequential reader over a wasm byte array: raw bytes and LEB128 integers.
 *
 * <p>Every read checks bounds and throws {@link WasmFormatException} instead of an index error, so a
 * truncated or foreign module fails the build with a clear message. Not thread-safe.
 */
final class ByteReader {
    private final byte[] data;
    private final int end;
    private int pos;

    ByteReader(byte[] data) {
        this(data, 0, data.length);
    }

    ByteReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= end;
    }

    int readByte() {
        if (pos >= end) {
            throw new WasmFormatException("unexpected end of module at offset " + pos);
        }
        return data[pos++] & 0xFF;
    }

    byte[] readBytes(int count) {
        if (count < 0 || count > end - pos) {
            throw new WasmFormatException("length " + count + " runs past the end at offset " + pos);
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + count);
        pos += count;
        return out;
    }

    /** Reads an unsigned LEB128 value that must fit a wasm u32. */
    int readU32() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new WasmFormatException("u32 LEB128 too long at offset " + pos);
            }
        }
        if (result > 0xFFFF_FFFFL) {
            throw new WasmFormatException("u32 out of range at offset " + pos);
        }
        return (int) result;
    }

    /** Reads a signed LEB128 value as used by {@code i32.const}. */
    int readS32() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = readByte();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if (shift > 35) {
                throw new WasmFormatException("s32 LEB128 too long at offset " + pos);
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return (int) result;
    }

    String readName() {
        return new String(readBytes(readU32()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
