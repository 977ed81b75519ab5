package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.encode.Encoding;
import io.rapidbyte.dest.postgres.encode.TupleEncoder;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.sdk.arrow.Column;
import io.rapidbyte.sdk.arrow.RecordBatch;
import java.util.List;

/**
 * The table rows are sent to (the target, a replace stage, or a temporary staging table) with
 * its columns, the batch field feeding each ({@link #ORDINAL} for the row-number column of
 * upsert staging) and the binary encoding of each. Holds the COPY tuple encoder; not thread-safe.
 */
final class WriteTarget {
    /** Field index of the staging column holding the row's position in its batch. */
    static final int ORDINAL = -1;
    static final String ORDINAL_COLUMN = "__rapidbyte_ord";

    final String table;
    final String[] columns;
    final int[] fieldIndex;
    final Encoding[] encodings;
    private TupleEncoder encoder;
    final String copySql;
    final String insertPrefix;

    WriteTarget(String table, List<String> columnNames, int[] fieldIndex, Encoding[] encodings) {
        this.table = table;
        this.columns = columnNames.toArray(new String[0]);
        this.fieldIndex = fieldIndex;
        this.encodings = encodings;
        String cols = Sql.identList(columnNames);
        this.copySql = "COPY " + table + " (" + cols + ") FROM STDIN (FORMAT binary)";
        this.insertPrefix = "INSERT INTO " + table + " (" + cols + ") VALUES ";
    }

    /** The COPY encoder for this target (every column must have an encoding). */
    TupleEncoder encoder() {
        if (encoder == null) {
            encoder = new TupleEncoder(encodings, fieldIndex, columns);
        }
        return encoder;
    }

    int width() {
        return columns.length;
    }

    /** The batch column feeding each target column (null for the ordinal column). */
    Column[] columnsOf(RecordBatch batch) {
        Column[] cols = new Column[columns.length];
        for (int k = 0; k < cols.length; k++) {
            cols[k] = fieldIndex[k] == ORDINAL ? null : batch.column(fieldIndex[k]);
        }
        return cols;
    }
}
