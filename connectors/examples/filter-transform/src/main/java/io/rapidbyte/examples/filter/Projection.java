package io.rapidbyte.examples.filter;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The configured column list resolved against one input schema: which input column feeds each
 * output column. Output fields are the input's {@link Field} objects, so field metadata (such as
 * {@code rapidbyte.pg_type}) is kept. Immutable.
 */
public final class Projection {
    private final int[] sources;
    private final List<Field> fields;

    private Projection(int[] sources, List<Field> fields) {
        this.sources = sources;
        this.fields = fields;
    }

    /**
     * @param columns output column names in order, or null for every input column
     * @throws io.rapidbyte.sdk.ConnectorException config {@code UNKNOWN_COLUMN} for a name not in {@code input}
     */
    public static Projection bind(List<String> columns, Schema input) {
        int n = columns == null ? input.fieldCount() : columns.size();
        int[] sources = new int[n];
        List<Field> fields = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            int i = columns == null ? j : input.indexOf(columns.get(j));
            if (i < 0) {
                throw ConnectorError.config("UNKNOWN_COLUMN", "filter: column \"" + columns.get(j)
                        + "\" is not in the input schema").toException();
            }
            sources[j] = i;
            fields.add(input.field(i));
        }
        return new Projection(sources, fields);
    }

    public int width() {
        return sources.length;
    }

    /** The input column index of output column {@code j}. */
    public int source(int j) {
        return sources[j];
    }

    /** The output schema with the given schema-level metadata (the input batch's, to keep it). */
    public Schema schema(Map<String, String> metadata) {
        return new Schema(fields, metadata);
    }
}
