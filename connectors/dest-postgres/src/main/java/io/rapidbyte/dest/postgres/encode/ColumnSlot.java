package io.rapidbyte.dest.postgres.encode;

import io.rapidbyte.sdk.arrow.BoolColumn;
import io.rapidbyte.sdk.arrow.Column;
import io.rapidbyte.sdk.arrow.DecimalColumn;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumn;
import io.rapidbyte.sdk.arrow.FloatColumn;
import io.rapidbyte.sdk.arrow.IntColumn;
import io.rapidbyte.sdk.arrow.IntervalColumn;
import io.rapidbyte.sdk.arrow.ListColumn;
import io.rapidbyte.sdk.arrow.VarBinaryColumn;

/**
 * One COPY column of a {@link TupleEncoder} bound to one batch column (or a list's child): where
 * its validity bitmap, values, offsets and data start in the batch's byte array. Rebound per
 * batch; not thread-safe.
 */
final class ColumnSlot {
    final Encoding enc;
    final int field;
    final ColumnSlot child;
    byte[] d;
    int validity;
    int values;
    int offsets;
    int data;
    int scale;

    ColumnSlot(Encoding enc, int field) {
        this.enc = enc;
        this.field = field;
        this.child = enc.kind == Encoding.ARRAY ? new ColumnSlot(enc.element, -1) : null;
        this.validity = -1; // the ordinal column is never bound and never null
    }

    void bind(Column c) {
        d = c.array();
        validity = c.validityPosition();
        if (c instanceof IntColumn) {
            values = ((IntColumn) c).valuesPosition();
        } else if (c instanceof FloatColumn) {
            values = ((FloatColumn) c).valuesPosition();
        } else if (c instanceof BoolColumn) {
            values = ((BoolColumn) c).valuesPosition();
        } else if (c instanceof DecimalColumn) {
            values = ((DecimalColumn) c).valuesPosition();
            scale = ((DecimalColumn) c).scale();
        } else if (c instanceof FixedSizeBinaryColumn) {
            values = ((FixedSizeBinaryColumn) c).valuesPosition();
        } else if (c instanceof IntervalColumn) {
            values = ((IntervalColumn) c).valuesPosition();
        } else if (c instanceof VarBinaryColumn) {
            offsets = ((VarBinaryColumn) c).offsetsPosition();
            data = ((VarBinaryColumn) c).dataPosition();
        } else if (c instanceof ListColumn) {
            offsets = ((ListColumn) c).offsetsPosition();
            child.bind(((ListColumn) c).child());
        }
    }

    boolean isNull(int i) {
        return validity >= 0 && (d[validity + (i >>> 3)] & (1 << (i & 7))) == 0;
    }
}
