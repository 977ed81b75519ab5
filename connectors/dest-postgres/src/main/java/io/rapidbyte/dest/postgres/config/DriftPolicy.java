package io.rapidbyte.dest.postgres.config;

/**
 * What to do when a batch's schema and the target table disagree. Checked before a batch is
 * written. Immutable.
 */
public final class DriftPolicy {
    /** A batch field the table lacks. */
    public enum NewColumn { ADD, IGNORE, FAIL }

    /** A table column the batch lacks. */
    public enum RemovedColumn { IGNORE, FAIL }

    /** A field whose type the column cannot hold without loss. */
    public enum TypeChange { FAIL, COERCE }

    public static final DriftPolicy DEFAULT = new DriftPolicy(NewColumn.ADD, RemovedColumn.IGNORE, TypeChange.FAIL);

    private final NewColumn newColumn;
    private final RemovedColumn removedColumn;
    private final TypeChange typeChange;

    public DriftPolicy(NewColumn newColumn, RemovedColumn removedColumn, TypeChange typeChange) {
        this.newColumn = newColumn;
        this.removedColumn = removedColumn;
        this.typeChange = typeChange;
    }

    public NewColumn newColumn() {
        return newColumn;
    }

    public RemovedColumn removedColumn() {
        return removedColumn;
    }

    public TypeChange typeChange() {
        return typeChange;
    }
}
