package io.rapidbyte.wasm.build;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Growable byte sink with wasm LEB128 encoders. Not thread-safe. */
final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ByteWriter writeByte(int value) {
        out.write(value);
        return this;
    }

    ByteWriter writeBytes(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        return this;
    }

    ByteWriter writeU32(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a u32: " + value);
        }
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return this;
    }

    ByteWriter writeS32(int value) {
        long v = value;
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            out.write(done ? b : b | 0x80);
            if (done) {
                return this;
            }
        }
    }

    ByteWriter writeName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        writeU32(bytes.length);
        return writeBytes(bytes);
    }

    /** Writes {@code bytes} prefixed with their length, the shape of sections and code bodies. */
    ByteWriter writeSized(byte[] bytes) {
        writeU32(bytes.length);
        return writeBytes(bytes);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
