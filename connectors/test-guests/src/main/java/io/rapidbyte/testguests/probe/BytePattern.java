package io.rapidbyte.testguests.probe;

/** The probe's test data: byte {@code i} is {@code i % 251}, and checksums are sums of unsigned bytes. */
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

    static long sum(byte[] bytes) {
        long sum = 0;
        for (byte b : bytes) {
            sum += b & 0xFF;
        }
        return sum;
    }
}
