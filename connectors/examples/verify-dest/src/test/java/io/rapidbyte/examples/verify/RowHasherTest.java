package io.rapidbyte.examples.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowHasherTest {
    private static long fnv(String ascii) {
        RowHasher h = new RowHasher();
        byte[] b = ascii.getBytes(StandardCharsets.US_ASCII);
        h.putBytes(b, 0, b.length);
        return h.fnv();
    }

    @Test
    void matchesThePublishedFnv1a64Vectors() {
        assertEquals(0xcbf29ce484222325L, fnv(""));
        assertEquals(0xaf63dc4c8601ec8cL, fnv("a"));
        assertEquals(0x85944171f73967e8L, fnv("foobar"));
    }

    @Test
    void multiByteValuesAreFedLittleEndian() {
        RowHasher words = new RowHasher();
        words.putInt(0x04030201);
        words.putLong(0x0c0b0a0908070605L);
        RowHasher bytes = new RowHasher();
        for (int b = 1; b <= 12; b++) {
            bytes.putByte(b);
        }
        assertEquals(bytes.fnv(), words.fnv());
    }

    @Test
    void finishSpreadsTheState() {
        assertEquals(0, RowHasher.mix64(0));
        RowHasher a = new RowHasher();
        a.putByte(0);
        RowHasher b = new RowHasher();
        b.putByte(1);
        long diff = a.finish() ^ b.finish();
        assertEquals(true, Long.bitCount(diff) > 16, "one input bit flips many output bits");
        assertNotEquals(a.fnv(), a.finish());
    }
}
