package io.rapidbyte.testguests.probe;

/**
 * The probe's test data: byte {@code i} is {@code i % 251}, or bytes given as hex; checksums are sums
 * of unsigned bytes.
 */
final class BytePattern {
    private BytePattern() {
    }

    static byte[] of(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    /** Bytes from lower- or upper-case hex digits (tests hand the probe exact content, e.g. an Arrow stream). */
    static byte[] hex(String digits) {
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (digit(digits.charAt(2 * i)) << 4 | digit(digits.charAt(2 * i + 1)));
        }
        return bytes;
    }

    private static int digit(char c) {
        int d = Character.digit(c, 16);
        if (d < 0) {
            throw new IllegalArgumentException("not a hex digit: " + c);
        }
        return d;
    }

    static long sum(byte[] bytes) {
        long sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        return sum;
    }
}
