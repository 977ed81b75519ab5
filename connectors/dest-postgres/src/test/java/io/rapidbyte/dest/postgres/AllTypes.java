package io.rapidbyte.dest.postgres;

/**
 * A table with every type of issue 4's list (and a few "anything else" types that travel as
 * text), with NULLs, extremes, infinities, NaN, empty values and unicode; the reference the
 * round-trip tests load through dest-postgres and compare with EXCEPT both ways.
 */
final class AllTypes {
    static final String[][] COLUMNS = {
        {"id", "int4 PRIMARY KEY"},
        {"c_bool", "bool"}, {"c_int2", "int2"}, {"c_int4", "int4"}, {"c_int8", "int8"},
        {"c_float4", "float4"}, {"c_float8", "float8"},
        {"c_numeric", "numeric"}, {"c_numeric_p", "numeric(20,4)"}, {"c_numeric_38", "numeric(38,0)"},
        {"c_text", "text"}, {"c_varchar", "varchar(20)"}, {"c_bpchar", "char(5)"}, {"c_name", "name"},
        {"c_bytea", "bytea"}, {"c_date", "date"}, {"c_time", "time"}, {"c_ts", "timestamp"},
        {"c_tstz", "timestamptz"}, {"c_interval", "interval"}, {"c_uuid", "uuid"},
        {"c_json", "json"}, {"c_jsonb", "jsonb"}, {"c_inet", "inet"}, {"c_cidr", "cidr"}, {"c_macaddr", "macaddr"},
        {"c_mood", "mood"}, {"c_timetz", "timetz"}, {"c_macaddr8", "macaddr8"}, {"c_money", "money"},
        {"c_point", "point"}, {"c_range", "int4range"}, {"c_varbit", "varbit(8)"},
        {"a_int4", "int4[]"}, {"a_text", "text[]"}, {"a_numeric", "numeric[]"}, {"a_numeric_p", "numeric(10,2)[]"},
        {"a_tstz", "timestamptz[]"}, {"a_uuid", "uuid[]"}, {"a_bool", "bool[]"}, {"a_float8", "float8[]"},
        {"a_date", "date[]"}, {"a_inet", "inet[]"}, {"a_jsonb", "jsonb[]"}, {"a_bytea", "bytea[]"},
        {"a_interval", "interval[]"}, {"a_int8", "int8[]"}, {"a_varchar", "varchar(10)[]"}, {"a_mood", "mood[]"},
    };

    private static final String ALL_BYTES =
            "(SELECT decode(string_agg(lpad(to_hex(i), 2, '0'), '' ORDER BY i), 'hex') FROM generate_series(0, 255) i)";

    static final String[] ROWS = {
        // 1: every column NULL
        "1" + ", NULL".repeat(COLUMNS.length - 1),
        // 2: typical values
        "2, true, 12, 123456, 1234567890123, 3.14, 2.718281828459045, 12345.6789, 42.5, 12345678901234567890123,"
            + " 'hello world', 'varchar', 'ab', 'a_name', '\\xdeadbeef', '2024-02-29', '13:45:30.123456',"
            + " '2024-02-29 13:45:30.5', '2024-02-29 13:45:30.000001+00', '1 year 2 months 3 days 04:05:06.789',"
            + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, 2, {\"b\": null}]}', '{\"b\": 2, \"a\": [1, \"x\"]}',"
            + " '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 'happy', '13:45:30+05:30',"
            + " '08:00:2b:01:02:03:04:05', 12.34, '(1.5,-2)', '[1,5)', B'1010',"
            + " '{1,NULL,3}', '{\"a\",\"b c\",NULL,\"d\\\"e\"}', '{1.5,NULL,-2.25,NaN}', '{1.25,NULL}',"
            + " '{\"2024-01-01 00:00:00+00\",NULL,infinity}', '{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}',"
            + " '{t,f,NULL}', '{1.5,NaN,-Infinity,NULL}', '{2024-01-01,NULL,-infinity}', '{::1,10.1.2.3/16,NULL}',"
            + " ARRAY['{\"k\": 1}'::jsonb, NULL], ARRAY['\\x00ff'::bytea, NULL, ''::bytea],"
            + " ARRAY['1 day'::interval, NULL, '-1 mons -2 days +03:00:00'::interval, '-00:00:00.5'::interval],"
            + " '{9223372036854775807,-9223372036854775808,NULL}', '{\"x\",NULL}', '{ok,NULL,happy}'",
        // 3: maxima, positive infinities, NaN, unicode
        "3, false, 32767, 2147483647, 9223372036854775807, 'Infinity', 'NaN', 'NaN', 9999999999999999.9999,"
            + " 99999999999999999999999999999999999999,"
            + " 'h\u00e9llo w\u00f6rld \u2014 \u4e2d\u6587 \ud83c\udf89', repeat('\u00f1', 20), 'abcde', repeat('n', 63), "
            + ALL_BYTES + ", 'infinity', '24:00:00', 'infinity', 'infinity', 'infinity',"
            + " 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{\"emoji\": \"\ud83c\udf89\", \"esc\": \"\\u00e9\"}',"
            + " '{\"big\": 1e400, \"s\": \"\ud83c\udf89\"}', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::/32',"
            + " 'ff:ff:ff:ff:ff:ff', '\u00fcn\u00efcode', '23:59:59.999999-15:59', 'ff:ff:ff:ff:ff:ff:ff:ff',"
            + " 92233720368547758.07, '(1e300,-1e-300)', 'empty', B'11111111',"
            + " '{2147483647}', '{\"\"}', '{Infinity,-Infinity}', '{99999999.99}', '{infinity,-infinity}', '{}', '{}',"
            + " '{1.7976931348623157e308}', '{infinity}', '{::ffff:1.2.3.4}', '{}', '{}',"
            + " ARRAY['infinity'::interval, '-infinity'::interval], '{}', '{}', '{}'",
        // 4: minima, negative infinities, empty values
        "4, NULL, -32768, -2147483648, -9223372036854775808, '-Infinity', -1.7976931348623157e308, '-Infinity',"
            + " -9999999999999999.9999, -99999999999999999999999999999999999999, '', '', '', '',"
            + " '\\x', '4713-01-01 BC', '00:00:00', '4713-01-01 00:00:00 BC',"
            + " '4713-01-01 00:00:00+00 BC', '-infinity', '00000000-0000-0000-0000-000000000000',"
            + " '[]', '[]', '0.0.0.0/0', '0.0.0.0/0', '00:00:00:00:00:00', 'sad', '00:00:00+15:59',"
            + " '00:00:00:00:00:00:00:00', -92233720368547758.08, '(0,0)', '[-2147483648,2147483647)', B'',"
            + " '{}', NULL, '{}', '{-0.01}', NULL, NULL, '{NULL}', '{-0}', '{-infinity}', '{}', NULL, '{}', '{}', NULL,"
            + " '{}', '{sad}'",
        // 5: other edges: -0, latest dates, big intervals, scalar json, control characters
        "5, true, 0, 0, 0, '-0', 4.9e-324, 0.000000000000000000001, 0.0001, 0,"
            + " E'line1\\nline2\\ttab\\\\ \"q\" \\'s', 'x', 'a', 'x', '\\x00', '5874897-12-31',"
            + " '00:00:00.000001', '294000-12-31 23:59:59.999999', '294000-12-31 23:59:59.999999+00',"
            + " '178000000 years 5 days 01:00:00.000001', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'null', '\"str\"',"
            + " '::1', '::/0', '01:23:45:67:89:ab', 'ok', '12:00:00-00:30', '01:23:45:67:89:ab:cd:ef', 0, '(-0,0)',"
            + " '[3,4]', B'0',"
            + " '{-1,0,1}', '{\"\u4e2d\u6587\",\"\ud83c\udf89\"}', '{0.000000000000000000001,-0.5,170141183460469231731687303715884105728.5}',"
            + " '{-12345678.90}', '{\"1970-01-01 00:00:00+00\"}', '{00000000-0000-0000-0000-000000000000}', '{t}', '{0}',"
            + " '{1970-01-01}', '{0.0.0.0/0}', ARRAY['null'::jsonb, '[1,2]'], ARRAY[''::bytea],"
            + " ARRAY['PT0S'::interval], '{1}', '{\"\u00f1\"}', '{happy,happy}'",
    };

    private AllTypes() {
    }

    /** Type, table and rows, in the current schema of {@code database}. */
    static String setupSql(String table) {
        StringBuilder sb = new StringBuilder("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', '\u00fcn\u00efcode');");
        sb.append("CREATE TABLE ").append(table).append(" (");
        for (int i = 0; i < COLUMNS.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(COLUMNS[i][0]).append(' ').append(COLUMNS[i][1]);
        }
        sb.append(");");
        for (String row : ROWS) {
            sb.append("INSERT INTO ").append(table).append(" VALUES (").append(row).append(");");
        }
        return sb.toString();
    }

    /** Every column through its type's output function (NULL stays NULL): rows to compare with EXCEPT. */
    static String asText(String table) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < COLUMNS.length; i++) {
            String c = COLUMNS[i][0];
            sb.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(c).append(" IS NULL THEN NULL ELSE format('%s', ")
                    .append(c).append(") END AS ").append(c);
        }
        return sb.append(" FROM ").append(table).toString();
    }

    /** Column name and format_type of {@code table}, in order. */
    static String typesQuery(String table) {
        return "SELECT attname || ' ' || format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '"
                + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum";
    }
}
