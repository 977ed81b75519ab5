package io.rapidbyte.postgres.wire.crypto;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Base64Test {

    @Test
    void matchesJdkOnRandomInputs() {
        Random random = new Random(42);
        for (int len = 0; len < 200; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            String expected = java.util.Base64.getEncoder().encodeToString(data);
            assertEquals(expected, Base64.encode(data));
            assertArrayEquals(data, Base64.decode(expected));
        }
    }

    @Test
    void encodesSlices() {
        byte[] data = {0, 'a', 'b', 'c', 0};
        assertEquals("YWJj", Base64.encode(data, 1, 3));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("abc"));
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("ab!c"));
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("a==="));
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("ab=c"));
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("YWJ\u00e9"));
        // "YR==" carries non-zero bits the padding says are unused.
        assertThrows(IllegalArgumentException.class, () -> Base64.decode("YR=="));
        assertArrayEquals(new byte[0], Base64.decode(""));
    }
}
