package io.rapidbyte.sdk.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one UTF-8 rule: exact for every valid string, a clear error for everything else. */
class Utf8Test {

    private static String randomValidString(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append((char) r.nextInt(0x80));
                case 1 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 2 -> {
                    char c = (char) (0x800 + r.nextInt(0xF800));
                    sb.append(Character.isSurrogate(c) ? 'x' : c);
                }
                default -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
            }
        }
        return sb.toString();
    }

    @Test
    void validStringsEncodeAndDecodeExactlyLikeTheJdk() {
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            String s = randomValidString(r);
            byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(jdk, Utf8.encode(s), s);
            assertEquals(jdk.length, Utf8.encodedLength(s));
            byte[] viaChars = new byte[(int) Utf8.maxEncodedLength(s)];
            int n = Utf8.encode(s.toCharArray(), s.length(), viaChars, 0);
            assertArrayEquals(jdk, Arrays.copyOf(viaChars, n), s);
            assertEquals(s, Utf8.decode(jdk));
            assertEquals(s, Utf8.decode(jdk, 0, jdk.length, new char[jdk.length]));
        }
    }

    @Test
    void boundariesOfEachSequenceLength() {
        String s = "\u0000\u007f\u0080\u07ff\u0800\ud7ff\ue000\uffff\ud800\udc00\udbff\udfff";
        byte[] bytes = Utf8.encode(s);
        assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes);
        assertEquals(1 + 1 + 2 + 2 + 3 + 3 + 3 + 3 + 4 + 4, bytes.length);
        assertEquals(s, Utf8.decode(bytes));
        // A four-byte sequence: U+1F600.
        assertArrayEquals(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, Utf8.encode("\ud83d\ude00"));
    }

    @Test
    void encodeWritesAtThePositionAndReturnsTheNextOne() {
        byte[] out = new byte[8];
        assertEquals(2 + 3, Utf8.encode("a\u00e9", out, 2));
        assertArrayEquals(new byte[] {0, 0, 'a', (byte) 0xC3, (byte) 0xA9, 0, 0, 0}, out);
        assertEquals("\u00e9", Utf8.decode(out, 3, 2));
    }

    @Test
    void unpairedSurrogatesAreAClearErrorNotAQuestionMark() {
        String[] lone = {"lone high \ud83d", "\ude00 lone low", "\ud83d\ud83d\ude00", "x\udc00\ud800"};
        int[] index = {10, 0, 0, 1};
        for (int k = 0; k < lone.length; k++) {
            String s = lone[k];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Utf8.encode(s));
            assertTrue(e.getMessage().contains("unpaired surrogate") && e.getMessage().contains("index " + index[k]),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Utf8.encodedLength(s));
            assertThrows(IllegalArgumentException.class, () -> Utf8.encode(s, new byte[64], 0));
            assertThrows(IllegalArgumentException.class,
                    () -> Utf8.encode(s.toCharArray(), s.length(), new byte[64], 0));
        }
        // A high surrogate whose low half lies beyond n is unpaired too.
        char[] cut = "\ud83d\ude00".toCharArray();
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode(cut, 1, new byte[8], 0));
    }

    @Test
    void malformedInputIsAClearErrorNamingTheOffset() {
        byte[][] cases = {
            {(byte) 0xC0, (byte) 0x80},                           // overlong NUL
            {(byte) 0xC1, (byte) 0xBF},                           // overlong two-byte
            {'a', (byte) 0xE0, (byte) 0x80, (byte) 0x80},         // overlong three-byte
            {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // overlong four-byte
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},              // encoded high surrogate
            {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},              // encoded low surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // invalid lead byte
            {(byte) 0xE2, (byte) 0x82},                           // truncated at the end
            {(byte) 0xE2, (byte) 0x82, 'a'},                      // truncated before ASCII
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},              // truncated four-byte
            {(byte) 0x80},                                        // stray continuation
            {(byte) 0xFF, 'x'},
            {'a', 'b', (byte) 0xC3},
        };
        int[] offsets = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
        for (int k = 0; k < cases.length; k++) {
            byte[] c = cases[k];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Utf8.decode(c),
                    Arrays.toString(c));
            assertEquals("invalid UTF-8 at byte " + offsets[k], e.getMessage());
        }
    }

    @Test
    void decodeAcceptsExactlyWhatTheJdkStrictDecoderAccepts() {
        Random r = new Random(13);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            r.nextBytes(b);
            if (i % 2 == 0) {
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) (0x80 | (b[j] & 0x7F) | (j % 3 == 0 ? 0x40 : 0));
                }
            }
            String strict = jdkStrict(b);
            if (strict == null) {
                assertThrows(IllegalArgumentException.class, () -> Utf8.decode(b), Arrays.toString(b));
            } else {
                assertEquals(strict, Utf8.decode(b));
            }
        }
    }

    @Test
    void displayDecodingReplacesEachBadByteAndKeepsTheRest() {
        assertEquals("a\uFFFDb", Utf8.decodeForDisplay(new byte[] {'a', (byte) 0xFF, 'b'}, 0, 3));
        assertEquals("\uFFFD\uFFFD", Utf8.decodeForDisplay(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2));
        assertEquals("\uFFFD\uFFFDx", Utf8.decodeForDisplay(new byte[] {(byte) 0xE2, (byte) 0x82, 'x'}, 0, 3));
        assertEquals("\u00e9\uFFFD\ud83d\ude00", Utf8.decodeForDisplay(
                new byte[] {(byte) 0xC3, (byte) 0xA9, (byte) 0xFF, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, 0, 7));
        Random r = new Random(14);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = randomValidString(r).getBytes(StandardCharsets.UTF_8);
            assertEquals(Utf8.decode(b), Utf8.decodeForDisplay(b, 0, b.length));
        }
    }

    @Test
    void decodeChecksTheRange() {
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8.decode(new byte[2], 1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Utf8.decode(new byte[2], -1, 1));
        assertEquals("", Utf8.decode(new byte[2], 2, 0));
    }

    private static String jdkStrict(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
