package io.rapidbyte.sdk.arrow;

/**
 * Builder for list columns. Element values are appended to {@link #child()} between
 * {@link #startList()} and {@link #endList()}; each such pair makes one row:
 *
 * <pre>
 * tags.startList();
 * ((VarBinaryColumnBuilder) tags.child()).append("a");
 * tags.child().appendNull();          // elements may be null if the element field is nullable
 * tags.endList();
 * tags.appendNull();                  // a null list (not inside startList/endList)
 * </pre>
 *
 * The child may itself be a list builder.
 */
public final class ListColumnBuilder extends ColumnBuilder {
    private final ColumnBuilder child;
    /** (length + 1) little-endian int32 offsets into the child; offsets[0] is always 0. */
    private byte[] offsets = new byte[256];
    private boolean open;

    ListColumnBuilder(Field field) {
        super(field);
        this.child = ColumnBuilder.forField(field.elementField());
    }

    /** The element builder. Append to it only between {@link #startList()} and {@link #endList()}. */
    public ColumnBuilder child() {
        return child;
    }

    /** Begins a non-null list row. */
    public void startList() {
        if (open) {
            throw misuse("startList() while a list is open");
        }
        checkChildAtEnd();
        open = true;
    }

    /** Ends the row begun by {@link #startList()}; it holds every element appended since. */
    public void endList() {
        if (!open) {
            throw misuse("endList() without startList()");
        }
        open = false;
        writeOffset(child.length());
        valueAppended();
    }

    /** Appends an empty (non-null) list. */
    public void appendEmptyList() {
        startList();
        endList();
    }

    private int lastOffset() {
        return LittleEndian.getInt(offsets, length * 4);
    }

    private void checkChildAtEnd() {
        if (child.length() != lastOffset()) {
            throw misuse("element values appended outside startList()/endList()");
        }
    }

    private void writeOffset(int value) {
        int p = (length + 1) * 4;
        if (p + 4 > offsets.length) {
            offsets = ByteArrays.ensure(offsets, p, p + 4L);
        }
        LittleEndian.putInt(offsets, p, value);
    }

    @Override
    void beforeNull() {
        if (open) {
            throw misuse("appendNull() while a list is open");
        }
        checkChildAtEnd();
    }

    @Override
    void appendNullSlot() {
        writeOffset(lastOffset());
    }

    @Override
    void checkComplete() {
        if (open) {
            throw misuse("list left open");
        }
        checkChildAtEnd();
        child.checkComplete();
    }

    @Override
    public void reset() {
        super.reset();
        open = false;
        child.reset();
    }

    @Override
    long valueBytes() {
        return ByteArrays.pad8((length + 1L) * 4) + child.estimatedBytes();
    }

    @Override
    void layoutValues(BatchLayout out) {
        out.addBuffer((length + 1L) * 4);
        child.layout(out);
    }

    @Override
    void writeValues(ByteArrayOutput out) {
        out.writeBuffer(offsets, 0, (length + 1) * 4);
        child.writeBody(out);
    }
}
