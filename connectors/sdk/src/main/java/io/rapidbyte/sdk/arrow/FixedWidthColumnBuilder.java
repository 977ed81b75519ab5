package io.rapidbyte.sdk.arrow;

/**
 * Base for columns with one fixed-width little-endian value per row: the values live in a
 * byte array already in IPC layout, so writing a batch is a single array copy.
 */
public abstract class FixedWidthColumnBuilder extends ColumnBuilder {
    final int width;
    byte[] values;

    FixedWidthColumnBuilder(Field field, int width) {
        super(field);
        this.width = width;
        // Room for a few values up front, without over-allocating for very wide binaries.
        this.values = new byte[width <= 1024 ? Math.max(64, width * 8) : width];
    }

    /** Bytes per value. */
    public final int byteWidth() {
        return width;
    }

    /** Ensures room for one more value and returns its byte position. */
    final int slot() {
        int p = length * width;
        if (p > values.length - width) {
            grow(p);
        }
        return p;
    }

    private void grow(int used) {
        values = ByteArrays.ensure(values, used, (long) used + width);
    }

    @Override
    final void appendNullSlot() {
        int p = slot();
        // Zero the slot: the array may hold a value from before reset().
        for (int i = 0; i < width; i++) {
            values[p + i] = 0;
        }
    }

    @Override
    final long valueBytes() {
        return ByteArrays.pad8((long) length * width);
    }

    @Override
    final void layoutValues(BatchLayout out) {
        out.addBuffer((long) length * width);
    }

    @Override
    final void writeValues(ByteArrayOutput out) {
        out.writeBuffer(values, 0, length * width);
    }
}
