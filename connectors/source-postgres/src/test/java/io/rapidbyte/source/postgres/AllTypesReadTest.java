package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestPostgres;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table with every supported type (and some that fall back to text), with NULLs, extremes,
 * unicode, infinities and NaN, read through the compiled guest in the host and compared value for
 * value with what Postgres itself says (an independent SQL/JDBC rendering of each value).
 */
class AllTypesReadTest {
    private static final String BASE_COLUMNS = "id int PRIMARY KEY, c_int2 int2, c_int4 int4, c_int8 int8, c_oid oid, "
            + "c_float4 float4, c_float8 float8, c_num numeric(12,2), c_num38 numeric(38,10), c_num_neg numeric(5,-2), "
            + "c_num_free numeric, c_num_wide numeric(50,5), c_bool bool, c_text text, c_varchar varchar(40), "
            + "c_char char(5), c_name name, c_bytea bytea, c_date date, c_time time, c_ts timestamp, c_tstz timestamptz, "
            + "c_interval interval, c_uuid uuid, c_json json, c_jsonb jsonb, c_inet inet, c_cidr cidr, "
            + "c_macaddr macaddr, c_macaddr8 macaddr8, c_int_arr int4[], c_text_arr text[], c_num_arr numeric(10,3)[], "
            + "c_tstz_arr timestamptz[], c_uuid_arr uuid[], c_int_arr2d int4[][], c_mood mood, c_mood_arr mood[], "
            + "c_point point, c_timetz timetz, c_posint posint, c_free_num_arr numeric[]";
    private static final String COLUMNS = BASE_COLUMNS
            + ", c_num_text numeric(12,2), c_interval_text interval, c_arr_bounds int4[]";
    /** Values the native mappings cannot hold, read exactly through the stream's text_columns. */
    private static final String TEXT_COLUMNS = "[\"c_num_text\", \"c_interval_text\", \"c_arr_bounds\"]";
    private static final String NAMES = names(BASE_COLUMNS);
    private static String db;
    private static SourceRun.Result result;

    @BeforeAll
    static void readOnce() {
        db = Pg.newDatabase("src_types");
        Pg.sql(db, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy \uD83D\uDE00');"
                + "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);"
                + "CREATE TABLE all_types (" + COLUMNS + ");"
                + "INSERT INTO all_types (" + NAMES + ") VALUES "
                + "(1, 12, 123456, 1234567890123, 4000000000, 1.5, 3.141592653589793, 1234.56,"
                + " '1234567890123456789012345678.0123456789', 12300, '123.4500',"
                + " '12345678901234567890123456789012345678901234.56789', true, 'hello', 'varchar value', 'ab', 'a_name',"
                + " '\\x00ff10', '2024-02-29', '13:45:56.789012', '2024-02-29 13:45:56.789012',"
                + " '2024-02-29 13:45:56.789012+02', '1 year 2 months 3 days 04:05:06.789',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2]}', '{\"b\": {\"c\": true}}', '192.168.1.5/24',"
                + " '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05', '{1,NULL,3}', '{\"a\",\"b,c\",NULL,\"\u00fc\"}',"
                + " '{1.5,NULL,-2.125}', '{\"2024-01-01 00:00:00+00\",\"infinity\"}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}',"
                + " '{{1,2},{3,4}}', 'happy \uD83D\uDE00', '{sad,ok}', '(1,2)', '13:45:56+02', 7, '{1.5,NaN}'),"
                + "(2, -32768, 2147483647, -9223372036854775808, 0, 'NaN', '-Infinity', -9999999999.99,"
                + " '-9999999999999999999999999999.9999999999', -9999900, 'NaN', '-0.00001', false, '', 'x', '', '',"
                + " '\\x', 'infinity', '24:00:00', '-infinity', 'infinity', 'infinity',"
                + " 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '[]', '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff',"
                + " '00:00:00:00:00:00:00:00', '{}', '{}', '{}', '{\"-infinity\"}', '{}', '{}', 'sad', '{}', '(0,0)',"
                + " '00:00:00+00', 2147483647, '{Infinity,-Infinity}'),"
                + "(3, 32767, -2147483648, 9223372036854775807, 4294967295, 'Infinity', 4.9e-324, 0.01, 0, 0, '-Infinity',"
                + " '99999999999999999999999999999999999999999999.99999', true,"
                + " E'Gr\u00fc\u00dfe \uD83D\uDE00 \u4e2d\u6587 e\u0301 \\t\\n\"''\\\\', '\u00fcn\u00efc\u00f6d\u00e9', '\u00df',"
                + " '\u0438\u043c\u044f', '\\x00000000', '4713-01-01 BC', '00:00:00', '4713-01-01 00:00:00 BC',"
                + " '294246-12-31 23:59:59.999999+00', '2562047 hours 47 minutes 16.854775 seconds', '00000000-0000-0000-0000-000000000000',"
                + " '\"\u00fc\"', '{\"emoji\": \"\uD83D\uDE00\"}', '::ffff:1.2.3.4', '0.0.0.0/0', '00:00:00:00:00:00',"
                + " 'ff:ff:ff:ff:ff:ff:ff:ff', '{NULL}', '{\"\"}', '{NULL}', NULL, '{NULL}', '{{{1}},{{2}}}', 'ok',"
                + " '{\"happy \uD83D\uDE00\",NULL}', '(-1.5,1e300)', '23:59:59.999999-14:59', 1, '{}'),"
                + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                + "(5, 1, 1, 1, 1, '-0', '-0', '-0.01', '-0.0000000001', -100, '-1.5e-20', 0, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, '2000-01-01', NULL, '1970-01-01 00:00:00', '1969-12-31 23:59:59.999999+00', '-1 mons -2 days -00:00:00.000001',"
                + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                + " NULL, NULL);"
                + "UPDATE all_types SET c_num_text = 'NaN', c_interval_text = '3000000 hours 5 minutes',"
                + " c_arr_bounds = '[0:2]={1,2,3}' WHERE id = 1;"
                + "UPDATE all_types SET c_num_text = -12.5, c_interval_text = '-1 day', c_arr_bounds = '{}' WHERE id = 2");
        String config = Pg.config(db, TestPostgres.SCRAM_USER, "\"streams\":[{\"name\":\"public.all_types\","
                + "\"text_columns\":" + TEXT_COLUMNS + "}]");
        result = SourceRun.of(config, Pg.port()).read("public.all_types", null, null);
    }

    @Test
    void everyValueMatchesWhatPostgresSays() throws SQLException {
        assertNull(result.error, () -> "read failed: " + result.error + "\n" + result.allText());
        List<Map<String, Object>> rows = ArrowFrames.rows(result.frames);
        Map<Long, Map<String, Object>> expected = expected();
        assertEquals(expected.size(), rows.size(), "row count");
        for (Map<String, Object> row : rows) {
            Long id = (Long) row.get("id");
            Map<String, Object> want = expected.get(id);
            assertNotNull(want, "unexpected id " + id);
            assertEquals(want.keySet(), row.keySet(), "columns");
            for (String column : want.keySet()) {
                assertEquals(want.get(column), row.get(column), "row " + id + ", column " + column);
            }
        }
        assertEquals(5, result.summary.recordsRead());
    }

    @Test
    void fieldTypesAndMetadataFollowTheMapping() {
        assertNull(result.error, () -> "read failed: " + result.error);
        Schema schema = ArrowFrames.read(result.frames.get(0)).schema();
        assertType(schema, "c_int2", new ArrowType.Int(16, true));
        assertType(schema, "c_oid", new ArrowType.Int(64, true));
        assertType(schema, "c_float4", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
        assertType(schema, "c_num", new ArrowType.Decimal(12, 2, 128));
        assertType(schema, "c_num38", new ArrowType.Decimal(38, 10, 128));
        assertType(schema, "c_num_neg", new ArrowType.Decimal(5, -2, 128));
        assertType(schema, "c_num_free", ArrowType.Utf8.INSTANCE);
        assertType(schema, "c_num_wide", ArrowType.Utf8.INSTANCE);
        assertType(schema, "c_bytea", ArrowType.Binary.INSTANCE);
        assertType(schema, "c_date", new ArrowType.Date(org.apache.arrow.vector.types.DateUnit.DAY));
        assertType(schema, "c_time", new ArrowType.Time(TimeUnit.MICROSECOND, 64));
        assertType(schema, "c_ts", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
        assertType(schema, "c_tstz", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
        assertType(schema, "c_interval", new ArrowType.Interval(IntervalUnit.MONTH_DAY_NANO));
        assertType(schema, "c_uuid", new ArrowType.FixedSizeBinary(16));
        assertType(schema, "c_inet", ArrowType.Utf8.INSTANCE);
        assertType(schema, "c_mood", ArrowType.Utf8.INSTANCE);
        assertType(schema, "c_posint", new ArrowType.Int(32, true));
        Field list = schema.findField("c_num_arr");
        assertEquals(ArrowType.List.INSTANCE, list.getType());
        assertEquals(new ArrowType.Decimal(10, 3, 128), list.getChildren().get(0).getType());
        assertEquals(ArrowType.Utf8.INSTANCE, schema.findField("c_mood_arr").getChildren().get(0).getType());
        assertEquals("numeric(12,2)", schema.findField("c_num").getMetadata().get("rapidbyte.pg_type"));
        assertEquals("timestamp with time zone[]", schema.findField("c_tstz_arr").getMetadata().get("rapidbyte.pg_type"));
        assertEquals("mood", schema.findField("c_mood").getMetadata().get("rapidbyte.pg_type"));
        assertEquals("posint", schema.findField("c_posint").getMetadata().get("rapidbyte.pg_type"));
        assertTrue(!schema.findField("id").isNullable() && schema.findField("c_num").isNullable());
        // Arrow Java, a standard reader, sees how infinity travels on each temporal field.
        assertEquals("max_min", schema.findField("c_date").getMetadata().get("rapidbyte.infinity"));
        assertEquals("max_min", schema.findField("c_tstz_arr").getChildren().get(0).getMetadata()
                .get("rapidbyte.infinity"));
        assertEquals(null, schema.findField("c_num").getMetadata().get("rapidbyte.infinity"));
        Map<String, String> meta = schema.getCustomMetadata();
        assertEquals("public.all_types", meta.get("rapidbyte.stream"));
        assertEquals("1", meta.get("rapidbyte.seq"));
        assertEquals("id", meta.get("rapidbyte.primary_key"));
        assertEquals("full_refresh", meta.get("rapidbyte.sync_mode"));
        assertTrue(meta.get("rapidbyte.sync_run").matches("[0-9a-f]+-[0-9a-f]{16}"), meta.get("rapidbyte.sync_run"));
    }

    @Test
    void fallbacksAndSpecialValuesAreLoggedNotCrashed() {
        String logs = String.join("\n", result.logs);
        assertTrue(logs.contains("column \"c_mood\": enum mood has no Arrow mapping: read as text"), logs);
        assertTrue(logs.contains("column \"c_point\": type point has no Arrow mapping: read as text"), logs);
        assertTrue(logs.contains("column \"c_num_free\": numeric without precision"), logs);
        assertTrue(logs.contains("column \"c_num_text\": listed in text_columns: read as its exact text form"), logs);
        assertTrue(logs.contains("column \"c_date\": date +/-infinity is stored as INT32 max/min days"), logs);
        assertTrue(logs.contains("column \"c_int_arr2d\": declared with 2 dimensions"), logs);
        assertTrue(!result.allText().contains(TestPostgres.PASSWORD), "password leaked");
    }

    /** The column names of a column definition list (commas inside parentheses do not split). */
    private static String names(String definitions) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= definitions.length(); i++) {
            char c = i == definitions.length() ? ',' : definitions.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                names.add(definitions.substring(start, i).trim().split(" ")[0]);
                start = i + 1;
            }
        }
        return String.join(", ", names);
    }

    private static void assertType(Schema schema, String column, ArrowType type) {
        assertEquals(type, schema.findField(column).getType(), column);
    }

    /** Each row as Postgres renders it, normalised like {@link ArrowFrames}. */
    private static Map<Long, Map<String, Object>> expected() throws SQLException {
        String sql = "SELECT id, c_int2::int8, c_int4::int8, c_int8, c_oid::int8, c_float4, c_float8, c_num::text,"
                + " c_num38::text, c_num_neg::text, c_num_free::text, c_num_wide::text, c_bool, c_text, c_varchar, c_char,"
                + " c_name, c_bytea, " + days("c_date") + ", (extract(epoch from c_time) * 1000000)::int8, "
                + micros("c_ts") + ", " + micros("c_tstz") + ", NOT isfinite(c_interval), c_interval::text,"
                + " CASE WHEN isfinite(c_interval) THEN (extract(year from c_interval) * 12"
                + "   + extract(month from c_interval))::int8 END,"
                + " CASE WHEN isfinite(c_interval) THEN extract(day from c_interval)::int8 END,"
                + " CASE WHEN isfinite(c_interval) THEN (extract(hour from c_interval) * 3600000000"
                + "   + extract(minute from c_interval) * 60000000 + extract(microseconds from c_interval))::int8 END,"
                + " replace(c_uuid::text, '-', ''), c_json, c_jsonb, c_inet, c_cidr, c_macaddr, c_macaddr8,"
                + " c_int_arr, c_text_arr, c_num_arr, CASE WHEN c_tstz_arr IS NULL THEN NULL ELSE ARRAY(SELECT "
                + micros("x") + " FROM unnest(c_tstz_arr) WITH ORDINALITY AS u(x, n) ORDER BY n) END,"
                + " CASE WHEN c_uuid_arr IS NULL THEN NULL ELSE ARRAY(SELECT replace(x::text, '-', '') FROM"
                + "   unnest(c_uuid_arr) WITH ORDINALITY AS u(x, n) ORDER BY n) END,"
                + " c_int_arr2d::text,"
                + " c_mood::text, c_mood_arr::text[], c_point::text, c_timetz::text, c_posint::int8, c_free_num_arr::text[],"
                + " c_num_text::text, c_interval_text::text, c_arr_bounds::text"
                + " FROM all_types ORDER BY id";
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        try (Connection c = Pg.SERVER.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                int i = 1;
                long id = rs.getLong(i++);
                row.put("id", id);
                row.put("c_int2", longOrNull(rs, i++));
                row.put("c_int4", longOrNull(rs, i++));
                row.put("c_int8", longOrNull(rs, i++));
                row.put("c_oid", longOrNull(rs, i++));
                float f4 = rs.getFloat(i++);
                row.put("c_float4", rs.wasNull() ? null : f4);
                double f8 = rs.getDouble(i++);
                row.put("c_float8", rs.wasNull() ? null : f8);
                row.put("c_num", decimal(rs.getString(i++), 2));
                row.put("c_num38", decimal(rs.getString(i++), 10));
                row.put("c_num_neg", decimal(rs.getString(i++), -2));
                row.put("c_num_free", rs.getString(i++));
                row.put("c_num_wide", rs.getString(i++));
                boolean b = rs.getBoolean(i++);
                row.put("c_bool", rs.wasNull() ? null : b);
                row.put("c_text", rs.getString(i++));
                row.put("c_varchar", rs.getString(i++));
                row.put("c_char", rs.getString(i++));
                row.put("c_name", rs.getString(i++));
                byte[] bytes = rs.getBytes(i++);
                row.put("c_bytea", bytes == null ? null : HexFormat.of().formatHex(bytes));
                row.put("c_date", longOrNull(rs, i++));
                row.put("c_time", longOrNull(rs, i++));
                row.put("c_ts", longOrNull(rs, i++));
                row.put("c_tstz", longOrNull(rs, i++));
                boolean infinite = rs.getBoolean(i++);
                boolean intervalNull = rs.wasNull();
                String intervalText = rs.getString(i++);
                Long months = longOrNull(rs, i++);
                Long days = longOrNull(rs, i++);
                Long micros = longOrNull(rs, i++);
                row.put("c_interval", intervalNull ? null : infinite
                        ? ("infinity".equals(intervalText) ? Integer.MAX_VALUE + "/" + Integer.MAX_VALUE + "/" + Long.MAX_VALUE
                                : Integer.MIN_VALUE + "/" + Integer.MIN_VALUE + "/" + Long.MIN_VALUE)
                        : months + "/" + days + "/" + Math.multiplyExact(micros, 1000L));
                row.put("c_uuid", rs.getString(i++));
                row.put("c_json", rs.getString(i++));
                row.put("c_jsonb", rs.getString(i++));
                row.put("c_inet", rs.getString(i++));
                row.put("c_cidr", rs.getString(i++));
                row.put("c_macaddr", rs.getString(i++));
                row.put("c_macaddr8", rs.getString(i++));
                row.put("c_int_arr", list(rs.getArray(i++), -1));
                row.put("c_text_arr", list(rs.getArray(i++), -1));
                row.put("c_num_arr", list(rs.getArray(i++), 3));
                row.put("c_tstz_arr", list(rs.getArray(i++), -1));
                row.put("c_uuid_arr", list(rs.getArray(i++), -1));
                row.put("c_int_arr2d", rs.getString(i++));
                row.put("c_mood", rs.getString(i++));
                row.put("c_mood_arr", list(rs.getArray(i++), -1));
                row.put("c_point", rs.getString(i++));
                row.put("c_timetz", rs.getString(i++));
                row.put("c_posint", longOrNull(rs, i++));
                row.put("c_free_num_arr", list(rs.getArray(i++), -1));
                row.put("c_num_text", rs.getString(i++));
                row.put("c_interval_text", rs.getString(i++));
                row.put("c_arr_bounds", rs.getString(i++));
                out.put(id, row);
            }
        }
        return out;
    }

    private static String days(String column) {
        return "CASE WHEN " + column + " = 'infinity' THEN 2147483647 WHEN " + column + " = '-infinity' THEN -2147483648"
                + " ELSE (" + column + " - DATE '1970-01-01') END";
    }

    private static String micros(String column) {
        return "CASE WHEN " + column + " = 'infinity' THEN 9223372036854775807 WHEN " + column + " = '-infinity'"
                + " THEN -9223372036854775808 ELSE (extract(epoch from " + column + ") * 1000000)::int8 END";
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    /** numeric text as Arrow's decimal at {@code scale}. */
    private static BigDecimal decimal(String text, int scale) {
        return text == null ? null : new BigDecimal(text).setScale(scale);
    }

    private static List<Object> list(Array array, int decimalScale) throws SQLException {
        if (array == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        for (Object e : (Object[]) array.getArray()) {
            if (e instanceof Integer n) {
                out.add(n.longValue());
            } else if (e instanceof BigDecimal d) {
                out.add(d.setScale(decimalScale));
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
