package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.wire.pgoutput.Relation;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.batch.BatchMetadata;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.catalog.TypeMapper;
import io.rapidbyte.source.postgres.catalog.ValueKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch layout of a cdc stream's changes for one version of its table (a Relation message):
 * the table's columns in the relation's order, typed as a snapshot types them, then the four
 * change fields of connectors/BATCH-METADATA.md ("Change batches"). Immutable.
 */
final class ChangeLayout {
    final Relation relation;
    final List<ColumnMapping> columns;
    final List<Field> fields;
    final BatchMetadata metadata;
    /** Relation column indexes of the primary key (empty without one). */
    final int[] key;
    /** Per column: its text form is its binary form (text types, enums), so a text value decodes alike. */
    final boolean[] textForm;

    private ChangeLayout(Relation relation, List<ColumnMapping> columns, List<Field> fields, BatchMetadata metadata,
            int[] key) {
        this.relation = relation;
        this.columns = columns;
        this.fields = fields;
        this.metadata = metadata;
        this.key = key;
        this.textForm = new boolean[columns.size()];
        for (int i = 0; i < textForm.length; i++) {
            ColumnMapping m = columns.get(i);
            textForm[i] = m.kind() == ValueKind.TEXT
                    && (m.cast() == ColumnMapping.Cast.NONE || m.column().baseKind() == 'e');
        }
    }

    /**
     * @param table the table as the catalog shows it now; every relation column must be in it
     * @return null when a relation column is not in {@code table} (read the catalog again)
     */
    static ChangeLayout of(Relation relation, SourceTable table, String stream, String syncRun) {
        List<ColumnMapping> columns = new ArrayList<ColumnMapping>();
        List<Field> fields = new ArrayList<Field>();
        for (int i = 0; i < relation.columnCount(); i++) {
            ColumnInfo c = table.column(relation.columnName(i));
            if (c == null) {
                return null;
            }
            ColumnMapping m = TypeMapper.map(c);
            columns.add(m);
            Field f = m.field();
            // A delete or truncate row has nulls in NOT NULL columns: change batches are nullable.
            fields.add(new Field(f.name(), f.type(), true, f.children(), f.metadata()));
        }
        fields.add(Field.notNull(BatchKeys.CHANGE_OP, ArrowType.UTF8));
        fields.add(Field.notNull(BatchKeys.CHANGE_LSN, ArrowType.INT64));
        fields.add(Field.nullable(BatchKeys.CHANGE_COMMIT_TS, ArrowType.timestampMicros("UTC")));
        fields.add(Field.nullable(BatchKeys.CHANGE_UNCHANGED, ArrowType.UTF8));
        List<String> pk = table.primaryKey();
        int[] key = new int[pk.size()];
        for (int k = 0; k < key.length; k++) {
            key[k] = -1;
            for (int i = 0; i < relation.columnCount(); i++) {
                if (relation.columnName(i).equals(pk.get(k))) {
                    key[k] = i;
                }
            }
            if (key[k] < 0) {
                throw Errors.config("CDC_KEY_NOT_REPLICATED", "stream " + stream + ": primary key column \""
                        + pk.get(k) + "\" is not in the replication stream");
            }
        }
        return new ChangeLayout(relation, columns, fields, new BatchMetadata(fields, stream, syncRun, pk, "cdc"), key);
    }

    int dataColumns() {
        return columns.size();
    }

    /** Whether {@code other} has the same columns (names and types) as this layout's relation. */
    boolean sameColumns(Relation other) {
        if (other.columnCount() != relation.columnCount()) {
            return false;
        }
        for (int i = 0; i < other.columnCount(); i++) {
            if (!other.columnName(i).equals(relation.columnName(i)) || other.typeOid(i) != relation.typeOid(i)
                    || other.typmod(i) != relation.typmod(i)) {
                return false;
            }
        }
        return true;
    }
}
