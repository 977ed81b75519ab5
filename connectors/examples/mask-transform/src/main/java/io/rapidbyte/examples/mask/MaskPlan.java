package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured masking bound to one input schema: for each output column, where it comes from
 * and what is done to it, and the output fields. Everything a config cannot do to this schema is
 * refused here, naming the column and the stream: a name the schema does not have, a change-batch
 * column, a type the action does not take, a primary-key column that redacting or dropping would
 * merge or lose. Immutable.
 */
public final class MaskPlan {
    /** Field metadata key naming how a column was masked (BATCH-METADATA.md). */
    public static final String MASKED_KEY = "rapidbyte.masked";
    static final String PG_TYPE_KEY = "rapidbyte.pg_type";
    private static final String CHANGE_PREFIX = "_rapidbyte_";
    private static final String UNCHANGED_FIELD = "_rapidbyte_unchanged";
    /** BATCH-METADATA.md: a change batch ends with exactly four change fields. */
    private static final int CHANGE_FIELDS = 4;

    /** What one output column does. */
    enum Op { COPY, HASH, REDACT_TEXT, REDACT_NULL, UNCHANGED }

    private final Schema input;
    private final List<Field> fields;
    private final Op[] ops;
    private final int[] sources;
    private final int[] newTableIndex;

    private MaskPlan(Schema input, List<Field> fields, Op[] ops, int[] sources, int[] newTableIndex) {
        this.input = input;
        this.fields = fields;
        this.ops = ops;
        this.sources = sources;
        this.newTableIndex = newTableIndex;
    }

    /** @throws ConnectorException config {@code UNKNOWN_COLUMN} or {@code UNSUPPORTED_COLUMN} */
    public static MaskPlan bind(MaskConfig config, Schema input, String stream) {
        Map<String, MaskAction> actions = config.actions();
        for (String name : actions.keySet()) {
            if (input.indexOf(name) < 0) {
                throw error("UNKNOWN_COLUMN", "column \"" + name + "\" is not in stream \"" + stream
                        + "\" (its columns: " + names(input) + ")");
            }
        }
        List<String> key = primaryKey(input);
        int n = input.fieldCount();
        boolean change = isChangeBatch(input);
        int tableColumns = change ? n - CHANGE_FIELDS : n;
        int[] newTableIndex = new int[tableColumns];
        List<Field> fields = new ArrayList<>(n);
        List<Op> ops = new ArrayList<>(n);
        List<Integer> sources = new ArrayList<>(n);
        boolean dropped = false;
        for (int i = 0; i < n; i++) {
            Field f = input.field(i);
            MaskAction action = actions.get(f.name());
            if (i < tableColumns) {
                newTableIndex[i] = action == MaskAction.DROP ? -1 : fields.size();
            }
            if (action == null) {
                boolean rewrite = change && f.name().equals(UNCHANGED_FIELD);
                fields.add(f);
                ops.add(rewrite ? Op.UNCHANGED : Op.COPY);
                sources.add(i);
                continue;
            }
            check(action, f, stream, key);
            if (action == MaskAction.DROP) {
                dropped = true;
                continue;
            }
            Op op = opFor(action, f);
            fields.add(masked(f, op, config.hashKey() != null));
            ops.add(op);
            sources.add(i);
        }
        Op[] opArray = ops.toArray(new Op[0]);
        if (!dropped) {
            // Indexes are unchanged: copy _rapidbyte_unchanged as it is.
            for (int j = 0; j < opArray.length; j++) {
                if (opArray[j] == Op.UNCHANGED) {
                    opArray[j] = Op.COPY;
                }
            }
        }
        int[] src = new int[sources.size()];
        for (int j = 0; j < src.length; j++) {
            src[j] = sources.get(j);
        }
        return new MaskPlan(input, fields, opArray, src, newTableIndex);
    }

    private static void check(MaskAction action, Field f, String stream, List<String> key) {
        String what = action.wireName() + " of column \"" + f.name() + "\" of stream \"" + stream + "\": ";
        if (f.name().startsWith(CHANGE_PREFIX)) {
            throw error("UNSUPPORTED_COLUMN", what + "columns named _rapidbyte_* belong to change batches"
                    + " (BATCH-METADATA.md) and are never masked");
        }
        if (action != MaskAction.HASH && key.contains(f.name())) {
            throw error("UNSUPPORTED_COLUMN", what + "it is a primary-key column (rapidbyte.primary_key), and "
                    + (action == MaskAction.DROP ? "dropping" : "redacting") + " it would merge or lose rows; hash it instead");
        }
        ArrowType.Kind kind = f.type().kind();
        if (action == MaskAction.HASH && kind != ArrowType.Kind.UTF8 && kind != ArrowType.Kind.BINARY
                && kind != ArrowType.Kind.FIXED_SIZE_BINARY) {
            throw error("UNSUPPORTED_COLUMN", what + "type " + describe(f) + " is not supported; hash takes"
                    + " utf8, binary and fixed_size_binary columns (redact and drop take every type)");
        }
        if (action == MaskAction.REDACT && kind != ArrowType.Kind.UTF8 && !f.isNullable()) {
            throw error("UNSUPPORTED_COLUMN", what + "a non-text column is redacted to null, and this "
                    + describe(f) + " column is not nullable");
        }
    }

    private static Op opFor(MaskAction action, Field f) {
        if (action == MaskAction.HASH) {
            return Op.HASH;
        }
        return f.type().kind() == ArrowType.Kind.UTF8 ? Op.REDACT_TEXT : Op.REDACT_NULL;
    }

    /**
     * A masked column's field: hashed values are utf8; a column that now holds text the source
     * type may not accept (hex digits, the replacement) says {@code rapidbyte.pg_type} {@code text};
     * every other metadata entry is kept, and {@value #MASKED_KEY} says what was done.
     */
    private static Field masked(Field f, Op op, boolean keyed) {
        Map<String, String> metadata = new LinkedHashMap<>(f.metadata());
        if (op != Op.REDACT_NULL && metadata.containsKey(PG_TYPE_KEY)) {
            metadata.put(PG_TYPE_KEY, "text");
        }
        metadata.put(MASKED_KEY, op == Op.HASH ? (keyed ? "hmac-sha256" : "sha256") : "redact");
        ArrowType type = op == Op.HASH ? ArrowType.UTF8 : f.type();
        return new Field(f.name(), type, f.isNullable(), f.children(), metadata);
    }

    private static boolean isChangeBatch(Schema input) {
        int n = input.fieldCount();
        return "cdc".equals(input.metadata().get("rapidbyte.sync_mode")) && n >= CHANGE_FIELDS
                && input.field(n - 1).name().equals(UNCHANGED_FIELD);
    }

    private static List<String> primaryKey(Schema input) {
        String key = input.metadata().get("rapidbyte.primary_key");
        List<String> names = new ArrayList<>();
        // By hand: String.split would compile java.util.regex into the guest.
        int start = 0;
        while (key != null && !key.isEmpty() && start <= key.length()) {
            int end = key.indexOf(',', start);
            end = end < 0 ? key.length() : end;
            names.add(key.substring(start, end));
            start = end + 1;
        }
        return names;
    }

    private static String describe(Field f) {
        return f.type().kind() == ArrowType.Kind.LIST ? "list" : f.type().toString();
    }

    private static String names(Schema schema) {
        StringBuilder b = new StringBuilder();
        for (Field f : schema.fields()) {
            b.append(b.length() == 0 ? "" : ", ").append(f.name());
        }
        return b.toString();
    }

    private static ConnectorException error(String code, String message) {
        return ConnectorError.config(code, "mask: " + message).toException();
    }

    /** Whether this plan was bound to the same fields as {@code schema} (metadata may differ). */
    public boolean accepts(Schema schema) {
        return schema.fields().equals(input.fields());
    }

    /** The output schema carrying {@code metadata}, the input batch's own (so every key passes unchanged). */
    public Schema outputSchema(Map<String, String> metadata) {
        return new Schema(fields, metadata);
    }

    public int width() {
        return ops.length;
    }

    Op op(int j) {
        return ops[j];
    }

    /** The input column that output column {@code j} is made from. */
    int source(int j) {
        return sources[j];
    }

    /** For each input table column, its output table index, or -1 when dropped; do not modify. */
    int[] newTableIndex() {
        return newTableIndex;
    }
}
