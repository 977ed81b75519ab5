package io.rapidbyte.examples.generator;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's Arrow schema: one column per type the SDK can write (a list of int32 and a list
 * of utf8 for the list type), each tagged with the Postgres type a destination should create
 * ({@code rapidbyte.pg_type}), plus the batch-level metadata of {@code connectors/BATCH-METADATA.md}.
 * Stateless; the schemas it returns are immutable.
 */
public final class GeneratedSchema {
    public static final int ID = 0;
    public static final int I8 = 1;
    public static final int I16 = 2;
    public static final int I32 = 3;
    public static final int I64 = 4;
    public static final int F32 = 5;
    public static final int F64 = 6;
    public static final int FLAG = 7;
    public static final int NAME = 8;
    public static final int PAYLOAD = 9;
    public static final int DAY = 10;
    public static final int TOD = 11;
    public static final int TS = 12;
    public static final int TS_TZ = 13;
    public static final int AMOUNT = 14;
    public static final int UUID = 15;
    public static final int SPAN = 16;
    public static final int SCORES = 17;
    public static final int LABELS = 18;
    public static final int COLUMN_COUNT = 19;

    public static final int AMOUNT_PRECISION = 38;
    public static final int AMOUNT_SCALE = 9;
    public static final String TIME_ZONE = "UTC";

    public static final String KEY_STREAM = "rapidbyte.stream";
    public static final String KEY_SYNC_RUN = "rapidbyte.sync_run";
    public static final String KEY_SEQ = "rapidbyte.seq";
    public static final String KEY_PRIMARY_KEY = "rapidbyte.primary_key";
    public static final String KEY_SYNC_MODE = "rapidbyte.sync_mode";
    public static final String KEY_PG_TYPE = "rapidbyte.pg_type";
    public static final String SYNC_MODE = "full_refresh";

    /** The fields, without schema-level metadata. */
    public static final Schema FIELDS = buildFields();

    private GeneratedSchema() {
    }

    private static Schema buildFields() {
        List<Field> f = new ArrayList<>(COLUMN_COUNT);
        f.add(pg(Field.notNull("id", ArrowType.INT64), "bigint"));
        f.add(pg(Field.nullable("i8", ArrowType.INT8), "smallint"));
        f.add(pg(Field.nullable("i16", ArrowType.INT16), "smallint"));
        f.add(pg(Field.nullable("i32", ArrowType.INT32), "integer"));
        f.add(pg(Field.nullable("i64", ArrowType.INT64), "bigint"));
        f.add(pg(Field.nullable("f32", ArrowType.FLOAT32), "real"));
        f.add(pg(Field.nullable("f64", ArrowType.FLOAT64), "double precision"));
        f.add(pg(Field.nullable("flag", ArrowType.BOOL), "boolean"));
        f.add(pg(Field.nullable("name", ArrowType.UTF8), "text"));
        f.add(pg(Field.nullable("payload", ArrowType.BINARY), "bytea"));
        f.add(pg(Field.nullable("day", ArrowType.DATE32), "date"));
        f.add(pg(Field.nullable("tod", ArrowType.TIME64_MICROS), "time without time zone"));
        f.add(pg(Field.nullable("ts", ArrowType.TIMESTAMP_MICROS), "timestamp without time zone"));
        f.add(pg(Field.nullable("ts_tz", ArrowType.timestampMicros(TIME_ZONE)), "timestamp with time zone"));
        f.add(pg(Field.nullable("amount", ArrowType.decimal128(AMOUNT_PRECISION, AMOUNT_SCALE)),
                "numeric(" + AMOUNT_PRECISION + "," + AMOUNT_SCALE + ")"));
        f.add(pg(Field.nullable("uuid", ArrowType.fixedSizeBinary(16)), "uuid"));
        f.add(pg(Field.nullable("span", ArrowType.INTERVAL_MONTH_DAY_NANO), "interval"));
        f.add(pg(Field.list("scores", true, Field.nullable(Field.LIST_ITEM_NAME, ArrowType.INT32)), "integer[]"));
        f.add(pg(Field.list("labels", true, Field.notNull(Field.LIST_ITEM_NAME, ArrowType.UTF8)), "text[]"));
        return new Schema(f, null);
    }

    private static Field pg(Field field, String pgType) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_PG_TYPE, pgType);
        return field.withMetadata(m);
    }

    /** The schema of one batch: {@link #FIELDS} plus the batch metadata keys. */
    public static Schema forBatch(String stream, String syncRun, long seq) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_STREAM, stream);
        m.put(KEY_SYNC_RUN, syncRun);
        m.put(KEY_SEQ, Long.toString(seq));
        m.put(KEY_PRIMARY_KEY, FIELDS.field(ID).name());
        m.put(KEY_SYNC_MODE, SYNC_MODE);
        return new Schema(FIELDS.fields(), m);
    }

    /** Type name for the catalog, e.g. {@code list<int32>}. */
    public static String typeName(Field field) {
        return field.type().kind() == ArrowType.Kind.LIST
                ? "list<" + typeName(field.elementField()) + ">" : field.type().toString();
    }
}
