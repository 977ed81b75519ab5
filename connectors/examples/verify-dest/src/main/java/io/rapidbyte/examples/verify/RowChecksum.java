package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.arrow.RecordBatch;

/**
 * Row count and order-independent checksum of everything added:
 * {@code checksum = sum over rows of RowHasher.mix64(fnv1a64(enc(row))) mod 2^64}, with
 * {@code enc} the {@link CanonicalRowEncoder} encoding. A sum (not XOR) so that a duplicated row
 * changes the result instead of cancelling out. Not thread-safe.
 */
public final class RowChecksum {
    private final RowHasher hasher = new RowHasher();
    private long rows;
    private long sum;

    /** Adds every row of {@code batch}. */
    public void add(RecordBatch batch) {
        for (int i = 0; i < batch.rowCount(); i++) {
            hasher.reset();
            CanonicalRowEncoder.encodeRow(batch, i, hasher);
            sum += hasher.finish();
        }
        rows += batch.rowCount();
    }

    public long rows() {
        return rows;
    }

    /** The checksum as a signed 64-bit value. */
    public long value() {
        return sum;
    }

    /** The checksum as 16 lower-case hex digits (how it appears in checkpoints and state). */
    public String hex() {
        return toHex(sum);
    }

    /** 16 lower-case hex digits of {@code value}. */
    public static String toHex(long value) {
        String digits = Long.toHexString(value);
        StringBuilder sb = new StringBuilder(16);
        for (int i = digits.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
