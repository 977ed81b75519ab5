package io.rapidbyte.postgres.wire.binary;

/**
 * Walks the binary form of an array value: int32 dimension count, int32
 * has-nulls flag, int32 element type OID, (int32 length, int32 lower bound) per
 * dimension, then every element in row-major order as an int32 length (-1 for
 * NULL) followed by its bytes.
 *
 * <p>Elements are exposed as views into the caller's buffer ({@link #elementOffset()},
 * {@link #elementLength()}) and decoded with the scalar codecs. Multi-dimensional
 * arrays are walked flattened; {@link #dimensions()} tells their shape. An empty
 * array has zero dimensions.
 *
 * <p>Reusable ({@link #reset} per value); not thread-safe.
 */
public final class ArrayReader {

    /** PostgreSQL's MAXDIM. */
    public static final int MAX_DIMENSIONS = 6;

    private final int[] dims = new int[MAX_DIMENSIONS];
    private final int[] lowerBounds = new int[MAX_DIMENSIONS];
    private byte[] buf;
    private int pos;
    private int end;
    private int ndims;
    private int elementOid;
    private boolean hasNulls;
    private int count;
    private int index;
    private int elemOff;
    private int elemLen;

    /** Starts reading the array value {@code b[off, off+len)}. */
    public ArrayReader reset(byte[] b, int off, int len) {
        if (len < 12) {
            throw new BinaryFormatException("array value shorter than its header");
        }
        buf = b;
        end = off + len;
        ndims = BigEndian.int32(b, off);
        int flags = BigEndian.int32(b, off + 4);
        elementOid = BigEndian.int32(b, off + 8);
        if (ndims < 0 || ndims > MAX_DIMENSIONS || (flags != 0 && flags != 1)) {
            throw new BinaryFormatException("invalid array header");
        }
        hasNulls = flags == 1;
        pos = off + 12;
        if (end - pos < 8 * ndims) {
            throw new BinaryFormatException("array dimensions truncated");
        }
        long total = ndims == 0 ? 0 : 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = BigEndian.int32(b, pos);
            lowerBounds[d] = BigEndian.int32(b, pos + 4);
            pos += 8;
            if (dims[d] < 0) {
                throw new BinaryFormatException("negative array dimension");
            }
            total *= dims[d];
            if (total > (end - pos) / 4) {
                throw new BinaryFormatException("array has more elements than bytes");
            }
        }
        count = (int) total;
        index = 0;
        if (count == 0 && pos != end) {
            throw new BinaryFormatException("trailing bytes after empty array");
        }
        return this;
    }

    /** Number of dimensions: 0 for an empty array, 1 for a plain list. */
    public int dimensionCount() {
        return ndims;
    }

    /** A copy of the dimension lengths. */
    public int[] dimensions() {
        int[] d = new int[ndims];
        System.arraycopy(dims, 0, d, 0, ndims);
        return d;
    }

    /** Lower bound of dimension {@code d} (1 unless the array was built otherwise). */
    public int lowerBound(int d) {
        return lowerBounds[d];
    }

    public int elementOid() {
        return elementOid;
    }

    /** The sender's has-nulls flag. */
    public boolean hasNulls() {
        return hasNulls;
    }

    /** Total number of elements (product of the dimensions). */
    public int elementCount() {
        return count;
    }

    /** Advances to the next element; false after the last. */
    public boolean next() {
        if (index >= count) {
            return false;
        }
        if (end - pos < 4) {
            throw new BinaryFormatException("array element truncated");
        }
        int l = BigEndian.int32(buf, pos);
        pos += 4;
        if (l < -1 || (l > 0 && end - pos < l)) {
            throw new BinaryFormatException("array element truncated");
        }
        elemOff = pos;
        elemLen = l;
        if (l > 0) {
            pos += l;
        }
        index++;
        if (index == count && pos != end) {
            throw new BinaryFormatException("trailing bytes after array elements");
        }
        return true;
    }

    public boolean isNull() {
        return elemLen < 0;
    }

    public byte[] buffer() {
        return buf;
    }

    public int elementOffset() {
        return elemOff;
    }

    /** Length of the current element, -1 for NULL. */
    public int elementLength() {
        return elemLen;
    }
}
