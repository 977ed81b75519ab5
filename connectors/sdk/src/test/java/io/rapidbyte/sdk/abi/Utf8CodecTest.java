package io.rapidbyte.sdk.abi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written codec must agree with the JDK's, including on malformed input. */
class Utf8CodecTest {
    @Test
    void encodesLikeTheJdk() {
        for (String s : new String[] {"", "ascii", "caf\u00e9", "\u4e2d\u6587", "\ud83d\ude00 emoji", "lone \ud83d",
            "\ude00 lone low", "end \ud83d", "\u07ff\u0800\uffff", "\u0000"}) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8Codec.encode(s), s);
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf8Codec.encodedLength(s));
        }
    }

    @Test
    void decodesValidTextLikeTheJdk() {
        String s = "a\u00e9\u4e2d\ud83d\ude00\u0800\u07ff\uffff";
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        assertEquals(s, Utf8Codec.decode(bytes, 0, bytes.length));
        assertEquals("\u4e2d", Utf8Codec.decode(bytes, 3, 3));
    }

    @Test
    void decodesMalformedInputLikeTheJdk() {
        byte[][] cases = {
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xE2, (byte) 0x82, 'a'},
            {(byte) 0x80}, {(byte) 0xFF, 'x'}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {'a', (byte) 0xC3},
        };
        for (byte[] c : cases) {
            assertEquals(new String(c, StandardCharsets.UTF_8), Utf8Codec.decode(c, 0, c.length));
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            if (i % 2 == 0) {
                for (int j = 0; j < bytes.length; j++) {
                    bytes[j] = (byte) (0x80 | (bytes[j] & 0x7F) | (j % 3 == 0 ? 0x40 : 0));
                }
            }
            assertEquals(new String(bytes, StandardCharsets.UTF_8), Utf8Codec.decode(bytes, 0, bytes.length));
        }
    }
}
