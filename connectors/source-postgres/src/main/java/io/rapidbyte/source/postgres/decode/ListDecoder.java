package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;

/**
 * An array value into a list column: one list row holding every element, decoded by the element's
 * decoder into the list's child builder; an empty array is an empty list. A list keeps exactly a
 * one-dimensional array with lower bound 1: any other value (more dimensions, other bounds) fails
 * the read naming the column instead of losing its shape (columns declared with more dimensions
 * are read as text, see {@code TypeMapper}).
 */
final class ListDecoder extends ValueDecoder {
    private final ListColumnBuilder out;
    private final ValueDecoder element;
    private final int elementOid;
    private final ArrayReader reader = new ArrayReader();

    ListDecoder(ListColumnBuilder builder, ValueDecoder element, int elementOid) {
        super(builder);
        this.out = builder;
        this.element = element;
        this.elementOid = elementOid;
    }

    @Override
    public void decode(byte[] b, int off, int len) {
        ArrayReader r = reader.reset(b, off, len);
        if (r.elementOid() != elementOid) {
            throw wrongElementType(r.elementOid());
        }
        if (r.dimensionCount() > 1 || (r.dimensionCount() == 1 && r.lowerBound(0) != 1)) {
            throw notAList(r);
        }
        out.startList();
        while (r.next()) {
            if (r.isNull()) {
                element.appendNull();
            } else {
                element.decode(r.buffer(), r.elementOffset(), r.elementLength());
            }
        }
        out.endList();
    }

    // The rare paths live in methods of their own so that their string building is not inlined into
    // decode, which runs per value: a large decode would be over HotSpot's JIT size limit once
    // compiled (see wasm-build's GuestMethodSizes).
    private BinaryFormatException wrongElementType(int oid) {
        return new BinaryFormatException("array elements have type oid " + oid + ", expected " + elementOid);
    }

    private static IllegalArgumentException notAList(ArrayReader r) {
        return new IllegalArgumentException("array " + shape(r) + " is not one-dimensional with lower bound 1, "
                + "which is all a list keeps; " + TEXT_COLUMNS_HINT + " (or declare the column with its "
                + "dimensions, e.g. integer[][])");
    }

    /** PostgreSQL's bounds notation, e.g. {@code [0:2][1:3]}. */
    private static String shape(ArrayReader r) {
        StringBuilder sb = new StringBuilder();
        int[] dims = r.dimensions();
        for (int d = 0; d < dims.length; d++) {
            sb.append('[').append(r.lowerBound(d)).append(':').append(r.lowerBound(d) + dims[d] - 1).append(']');
        }
        return sb.toString();
    }
}
