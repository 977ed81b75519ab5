package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.config.TruncatePolicy;
import io.rapidbyte.sdk.arrow.Field;

/**
 * Where a change batch keeps its op and unchanged-TOAST marks (both utf8 fields), and what its
 * truncate events do: what {@link TableWriter#forChanges} stages besides the table's columns.
 * Immutable.
 */
public final class ChangeColumns {
    final int opIndex;
    final Field op;
    final int unchangedIndex;
    final Field unchanged;
    final TruncatePolicy truncate;

    public ChangeColumns(int opIndex, Field op, int unchangedIndex, Field unchanged, TruncatePolicy truncate) {
        this.opIndex = opIndex;
        this.op = op;
        this.unchangedIndex = unchangedIndex;
        this.unchanged = unchanged;
        this.truncate = truncate;
    }
}
