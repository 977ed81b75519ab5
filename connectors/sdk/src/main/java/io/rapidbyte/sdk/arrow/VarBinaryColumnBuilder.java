package io.rapidbyte.sdk.arrow;

import io.rapidbyte.sdk.text.Utf8;

/**
 * Builder for utf8 and binary columns: int32 offsets plus one contiguous data array, the
 * layout Arrow uses, so a batch is written with two array copies.
 *
 * <p>For utf8 columns, byte-array appends must be valid UTF-8 (not checked, for speed);
 * {@link #append(CharSequence)} encodes directly into the data array without an intermediate
 * byte[].
 */
public final class VarBinaryColumnBuilder extends ColumnBuilder {
    /** (length + 1) little-endian int32 offsets; offsets[0] is always 0. */
    private byte[] offsets = new byte[256];
    private byte[] data = new byte[1024];
    private int dataLength;
    /** Scratch for string appends; grows to the longest string seen. */
    private char[] chars = new char[64];

    VarBinaryColumnBuilder(Field field) {
        super(field);
    }

    /** Appends a copy of {@code value}. */
    public void append(byte[] value) {
        append(value, 0, value.length);
    }

    /** Appends a copy of {@code len} bytes of {@code src} at {@code off}. */
    public void append(byte[] src, int off, int len) {
        if (off < 0 || len < 0 || off > src.length - len) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + src.length);
        }
        // The common case, room in both arrays, is straight-line code with no calls but the copy:
        // this runs for every text value and every text array element, and each guest call costs
        // a shadow-stack frame. Growing is out of line (and checks the 2 GiB cap there).
        int at = dataLength;
        if (len > data.length - at) {
            ensureData(len);
        }
        ByteArrays.copyValue(src, off, data, at, len);
        int end = at + len;
        dataLength = end;
        int p = (length + 1) * 4;
        if (p > offsets.length - 4) {
            offsets = ByteArrays.ensure(offsets, p, p + 4L);
        }
        LittleEndian.putInt(offsets, p, end);
        valueAppended();
    }

    /** Appends the UTF-8 encoding of {@code s}; an unpaired surrogate is an {@link IllegalArgumentException}. */
    public void append(CharSequence s) {
        ensureData(Utf8.maxEncodedLength(s));
        if (s instanceof String) {
            // One bulk copy out of the String, then an array loop: much cheaper than charAt on wasm.
            String str = (String) s;
            int n = str.length();
            if (chars.length < n) {
                chars = new char[Math.max(n, 2 * chars.length)];
            }
            str.getChars(0, n, chars, 0);
            dataLength = Utf8.encode(chars, n, data, dataLength);
        } else {
            dataLength = Utf8.encode(s, data, dataLength);
        }
        endValue();
    }

    /** Bytes of value data appended so far (all rows). */
    public int dataLength() {
        return dataLength;
    }

    private void ensureData(long len) {
        long needed = dataLength + len;
        if (needed > Integer.MAX_VALUE - 16) {
            // int32 offsets cannot address more; the caller should cap batches well below this.
            throw new IllegalStateException(describe() + ": value data would exceed 2 GiB");
        }
        if (needed > data.length) {
            data = ByteArrays.ensure(data, dataLength, needed);
        }
    }

    private void writeOffset() {
        int p = (length + 1) * 4;
        if (p + 4 > offsets.length) {
            offsets = ByteArrays.ensure(offsets, p, p + 4L);
        }
        LittleEndian.putInt(offsets, p, dataLength);
    }

    private void endValue() {
        writeOffset();
        valueAppended();
    }

    @Override
    void appendNullSlot() {
        writeOffset();
    }

    @Override
    public void reset() {
        super.reset();
        dataLength = 0;
    }

    @Override
    long valueBytes() {
        return ByteArrays.pad8((length + 1L) * 4) + ByteArrays.pad8(dataLength);
    }

    @Override
    void layoutValues(BatchLayout out) {
        out.addBuffer((length + 1L) * 4);
        out.addBuffer(dataLength);
    }

    @Override
    void writeValues(ByteArrayOutput out) {
        out.writeBuffer(offsets, 0, (length + 1) * 4);
        out.writeBuffer(data, 0, dataLength);
    }
}
