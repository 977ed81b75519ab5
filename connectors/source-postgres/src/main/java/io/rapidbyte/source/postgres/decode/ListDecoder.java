package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;

/**
 * An array value into a list column: one list row holding every element, decoded by the element's
 * decoder into the list's child builder. A multi-dimensional value is flattened in row-major order
 * (its shape and lower bounds are dropped), noted once per column; an empty array is an empty list.
 */
final class ListDecoder extends ValueDecoder {
    private final ListColumnBuilder out;
    private final ValueDecoder element;
    private final int elementOid;
    private final ArrayReader reader = new ArrayReader();
    private final DecodeNotes notes;
    private final String column;

    ListDecoder(ListColumnBuilder builder, ValueDecoder element, int elementOid, DecodeNotes notes, String column) {
        super(builder);
        this.out = builder;
        this.element = element;
        this.elementOid = elementOid;
        this.notes = notes;
        this.column = column;
    }

    @Override
    public void decode(byte[] b, int off, int len) {
        ArrayReader r = reader.reset(b, off, len);
        if (r.elementOid() != elementOid) {
            throw wrongElementType(r.elementOid());
        }
        if (r.dimensionCount() > 1) {
            noteFlattened();
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

    private void noteFlattened() {
        notes.note(column, "multi-dimensional arrays are flattened in row-major order");
    }
}
