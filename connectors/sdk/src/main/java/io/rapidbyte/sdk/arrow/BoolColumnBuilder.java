package io.rapidbyte.sdk.arrow;

/** Builder for boolean columns, stored as a bitmap like the validity buffer. */
public final class BoolColumnBuilder extends ColumnBuilder {
    /** Bit i = value of row i; bits at or beyond length are zero. */
    private byte[] bits = new byte[64];

    BoolColumnBuilder(Field field) {
        super(field);
    }

    public void append(boolean v) {
        ensureBit();
        if (v) {
            bits[length >>> 3] |= (byte) (1 << (length & 7));
        }
        valueAppended();
    }

    private void ensureBit() {
        if ((length >>> 3) >= bits.length) {
            bits = ByteArrays.ensure(bits, (length + 7) >>> 3, (length >>> 3) + 1);
        }
    }

    @Override
    void appendNullSlot() {
        ensureBit();
    }

    @Override
    public void reset() {
        int used = (length + 7) >>> 3;
        for (int i = 0; i < used; i++) {
            bits[i] = 0;
        }
        super.reset();
    }

    @Override
    long valueBytes() {
        return ByteArrays.pad8((length + 7L) >>> 3);
    }

    @Override
    void layoutValues(BatchLayout out) {
        out.addBuffer((length + 7) >>> 3);
    }

    @Override
    void writeValues(ByteArrayOutput out) {
        out.writeBuffer(bits, 0, (length + 7) >>> 3);
    }
}
