package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LebTest {
    @Test
    void unsignedRoundTrips() {
        for (long v : new long[] {0, 1, 127, 128, 16383, 16384, 65536, 0x7FFF_FFFFL, 0xFFFF_FFFFL}) {
            byte[] bytes = new ByteWriter().writeU32(v).toByteArray();
            assertEquals((int) v, new ByteReader(bytes).readU32(), "value " + v);
        }
        assertArrayEquals(new byte[] {(byte) 0xE5, (byte) 0x8E, 0x26}, new ByteWriter().writeU32(624485).toByteArray());
    }

    @Test
    void signedRoundTrips() {
        for (int v : new int[] {0, 1, -1, 63, 64, -64, -65, 262144, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            byte[] bytes = new ByteWriter().writeS32(v).toByteArray();
            assertEquals(v, new ByteReader(bytes).readS32(), "value " + v);
        }
        assertArrayEquals(new byte[] {(byte) 0xC0, (byte) 0xBB, 0x78}, new ByteWriter().writeS32(-123456).toByteArray());
    }

    @Test
    void truncatedInputIsAFormatError() {
        assertThrows(WasmFormatException.class, () -> new ByteReader(new byte[] {(byte) 0x80}).readU32());
        assertThrows(WasmFormatException.class, () -> new ByteReader(new byte[] {3, 1}).readBytes(3));
    }
}
