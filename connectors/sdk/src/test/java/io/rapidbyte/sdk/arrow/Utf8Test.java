package io.rapidbyte.sdk.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written UTF-8 codec against the JDK's. */
class Utf8Test {

    private static String randomString(Random r, boolean allowLoneSurrogates) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(20);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(5)) {
                case 0 -> sb.append((char) r.nextInt(0x80));
                case 1 -> sb.append((char) (0x80 + r.nextInt(0x780)));
                case 2 -> {
                    char c = (char) (0x800 + r.nextInt(0xF800));
                    if (!allowLoneSurrogates && Character.isSurrogate(c)) {
                        c = 'x';
                    }
                    sb.append(c);
                }
                case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                default -> sb.append(allowLoneSurrogates && r.nextBoolean() ? '\uDC00' : 'y');
            }
        }
        return sb.toString();
    }

    @Test
    void encodeMatchesJdk() {
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            String s = randomString(r, true);
            byte[] jdk = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(jdk, Utf8.encode(s), s);
            byte[] viaChars = new byte[3 * s.length()];
            int n = Utf8.encode(s.toCharArray(), s.length(), viaChars, 0);
            assertArrayEquals(jdk, Arrays.copyOf(viaChars, n), s);
        }
    }

    @Test
    void decodeValidMatchesJdk() {
        Random r = new Random(12);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = randomString(r, false).getBytes(StandardCharsets.UTF_8);
            assertEquals(new String(b, StandardCharsets.UTF_8), Utf8.decode(b, 0, b.length));
        }
    }

    @Test
    void decodeMalformedNeverThrows() {
        Random r = new Random(13);
        for (int i = 0; i < 50_000; i++) {
            byte[] b = new byte[r.nextInt(12)];
            r.nextBytes(b);
            String s = Utf8.decode(b, 0, b.length);
            if (new String(b, StandardCharsets.UTF_8).indexOf('\uFFFD') < 0) {
                assertEquals(new String(b, StandardCharsets.UTF_8), s); // well-formed input
            }
        }
        // Overlong, surrogate and out-of-range encodings are replaced.
        assertEquals("\uFFFD\uFFFD", Utf8.decode(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2));
        assertEquals('\uFFFD', Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3).charAt(0));
        assertEquals('\uFFFD', Utf8.decode(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4).charAt(0));
    }
}
