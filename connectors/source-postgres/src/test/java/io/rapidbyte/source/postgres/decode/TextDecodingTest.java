package io.rapidbyte.source.postgres.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.source.postgres.ArrowFrames;
import io.rapidbyte.source.postgres.TestTuples;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.TypeMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The text decoders against the binary ones, on values PostgreSQL 17 itself prints: for each
 * value the server gives its output text ({@code typoutput}) and its binary form ({@code typsend})
 * under the session settings every connection of ours has (DateStyle ISO, IntervalStyle
 * postgres, TimeZone UTC, extra_float_digits 3); both decoded into one column type must give the
 * same Arrow IPC bytes, and a value one refuses the other refuses too.
 */
class TextDecodingTest {
    private static final TestPostgres SERVER = TestPostgres.shared();
    private static String db;

    private static synchronized String db() {
        if (db == null) {
            db = SERVER.createDatabase("textdec");
            SERVER.execute(db, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
        }
        return db;
    }

    /** {output text, binary form} of each literal cast to {@code type}, and the column's mapping. */
    private record Values(ColumnMapping mapping, List<byte[]> text, List<byte[]> binary) {
    }

    private static Values values(String type, List<String> literals) {
        try (Connection c = SERVER.connect(db()); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres';"
                    + "SET extra_float_digits = 3");
            s.execute("DROP TABLE IF EXISTS probe; CREATE TABLE probe (v " + type + ")");
            ColumnInfo info;
            String out;
            String send;
            try (ResultSet r = s.executeQuery("SELECT format_type(a.atttypid, a.atttypmod), a.atttypid::int, "
                    + "a.atttypmod, t.typtype, t.typelem::int, coalesce(e.typtype, ''), t.typoutput::text, "
                    + "t.typsend::text FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                    + "LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
                    + "WHERE a.attrelid = 'probe'::regclass AND a.attname = 'v'")) {
                r.next();
                boolean array = !r.getString(6).isEmpty();
                info = new ColumnInfo("v", 1, r.getString(1), false, r.getInt(2), r.getInt(3), r.getString(4).charAt(0),
                        array ? r.getInt(5) : 0, array ? r.getString(6).charAt(0) : '\0', true, 0);
                out = r.getString(7);
                send = r.getString(8);
            }
            List<byte[]> text = new ArrayList<>();
            List<byte[]> binary = new ArrayList<>();
            for (String literal : literals) {
                try (ResultSet r = s.executeQuery("SELECT " + out + "(x)::text, " + send + "(x) FROM (SELECT CAST("
                        + literal + " AS " + type + ") AS x) v")) {
                    r.next();
                    String t = r.getString(1);
                    text.add(t == null ? null : t.getBytes(StandardCharsets.UTF_8));
                    binary.add(r.getBytes(2));
                }
            }
            return new Values(TypeMapper.map(info), text, binary);
        } catch (SQLException e) {
            throw new IllegalStateException(type + ": " + e.getMessage(), e);
        }
    }

    private static byte[] decode(ColumnMapping m, List<byte[]> values, boolean text, List<String> notes) {
        RecordBatchBuilder batch = new RecordBatchBuilder(new Schema(List.of(m.field()), null));
        DecodeNotes n = (c, r) -> notes.add(c + ": " + r);
        RowDecoder d = text ? RowDecoder.forText("s.t", List.of(m), batch, n, Redactor.none())
                : new RowDecoder("s.t", List.of(m), batch, n, Redactor.none(), true);
        for (byte[] v : values) {
            d.decode(TestTuples.row().bytes(v).tuple());
        }
        return IpcStreamWriter.encode(batch);
    }

    private static void same(String type, String... literals) {
        same(type, List.of(literals));
    }

    private static void same(String type, List<String> literals) {
        Values v = values(type, literals);
        List<String> binaryNotes = new ArrayList<>();
        List<String> textNotes = new ArrayList<>();
        byte[] fromBinary = decode(v.mapping, v.binary, false, binaryNotes);
        byte[] fromText = decode(v.mapping, v.text, true, textNotes);
        List<Map<String, Object>> expected = ArrowFrames.read(fromBinary).rows();
        List<Map<String, Object>> got = ArrowFrames.read(fromText).rows();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), got.get(i), type + " " + literals.get(i) + " printed as "
                    + (v.text.get(i) == null ? "NULL" : new String(v.text.get(i), StandardCharsets.UTF_8)));
        }
        assertArrayEquals(fromBinary, fromText, type + ": the same Arrow bytes");
        assertEquals(binaryNotes, textNotes, type + ": the same notes");
    }

    /** Both forms of the single value refused, naming the column. */
    private static void bothRefuse(String type, String literal, String inMessage) {
        Values v = values(type, List.of(literal));
        for (boolean text : new boolean[] {false, true}) {
            List<byte[]> vals = text ? v.text : v.binary;
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> decode(v.mapping, vals, text, new ArrayList<>()), type + " " + literal);
            assertEquals("DECODE_FAILED", e.error().code());
            assertTrue(e.error().message().contains("column \"v\"") && e.error().message().contains(inMessage),
                    (text ? "text: " : "binary: ") + e.error().message());
        }
    }

    @Test
    void integersAndBooleans() {
        same("smallint", "-32768", "32767", "0", "NULL");
        same("integer", "-2147483648", "2147483647", "-1");
        same("bigint", "-9223372036854775808", "9223372036854775807", "42");
        same("oid", "0", "4294967295", "12345");
        same("boolean", "true", "false", "NULL");
    }

    @Test
    void floatsExactlyIncludingNanInfinitiesAndSignedZero() {
        List<String> special = List.of("'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "'0'", "'0.1'", "'1e-45'",
                "'1.17549435e-38'", "'3.4028235e38'", "'16777217'", "'1e10'", "'123.456'", "'-7.5e-7'");
        same("real", special);
        same("double precision", List.of("'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "'0.1'", "'4.9e-324'",
                "'2.2250738585072014e-308'", "'2.225073858507201e-308'", "'1.7976931348623157e308'",
                "'123456789012345680000'", "'9007199254740993'", "'0.30000000000000004'", "'1e22'", "'1e23'"));
        Random random = new Random(7);
        List<String> doubles = new ArrayList<>();
        List<String> floats = new ArrayList<>();
        while (doubles.size() < 400) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                doubles.add("'" + d + "'");
            }
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                floats.add("'" + f + "'");
            }
            doubles.add("'" + random.nextDouble() * Math.pow(10, random.nextInt(40) - 20) + "'");
        }
        same("double precision", doubles);
        same("real", floats);
    }

    /** Exact halves (text PostgreSQL never prints, but the slow path must round them to even). */
    @Test
    void floatTiesRoundToEven() {
        assertEquals(9007199254740992.0, FloatText.parseDouble(ascii("9007199254740993"), 0, 16));
        assertEquals(9007199254740996.0, FloatText.parseDouble(ascii("9007199254740995"), 0, 16));
        assertEquals(16777216f, FloatText.parseFloat(ascii("16777217"), 0, 8));
        assertEquals(16777220f, FloatText.parseFloat(ascii("16777219"), 0, 8));
        assertEquals(Double.MIN_VALUE, FloatText.parseDouble(ascii("3e-324"), 0, 6), "above half the least subnormal");
        assertEquals(0.0, FloatText.parseDouble(ascii("2e-324"), 0, 6), "below half of it");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void numericsAtEveryScaleAndTheirRefusals() {
        same("numeric(10,2)", "0", "-12345678.90", "0.01", "7.5", "NULL");
        same("numeric(38,10)", "'-1234567890123456789012345678.0123456789'", "'0.0000000001'");
        same("numeric(18,0)", "'999999999999999999'", "'-1'");
        same("numeric(5,-2)", "1200", "-9999900");
        same("numeric", "'NaN'", "'Infinity'", "'-Infinity'", "'1e-20'", "'12345678901234567890.123456789'");
        same("numeric(50,5)", "'1234567890123456789012345678901234567890.12345'");
        bothRefuse("numeric(10,2)", "'NaN'", "NaN");
    }

    @Test
    void textLikeTypesByteaUuidJsonAndNetwork() {
        same("text", "'plain'", "''", "'ünïcødé ✓'", "E'tab\\there'");
        same("varchar(10)", "'abc'");
        same("char(5)", "'ab'");
        same("name", "'a_name'");
        same("json", "'{\"a\": [1, 2.50, null]}'");
        same("jsonb", "'{\"b\": 1, \"a\": [true, \"x\"]}'", "'[]'");
        same("bytea", "'\\x00ff10'", "''", "'abc'", "decode(repeat('ab', 500), 'hex')");
        same("uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'");
        same("inet", "'192.168.0.1/24'", "'::1'", "'10.0.0.1'");
        same("cidr", "'10.0.0.0/8'", "'2001:db8::/32'");
        same("macaddr", "'08:00:2b:01:02:03'");
        same("macaddr8", "'08:00:2b:01:02:03:04:05'");
        same("mood", "'happy'", "'sad'");
    }

    @Test
    void datesTimesTimestampsWithInfinitiesAndBc() {
        same("date", "'2024-02-29'", "'infinity'", "'-infinity'", "'0044-03-15 BC'", "'4713-01-01 BC'",
                "'5874897-12-31'", "'1970-01-01'", "'1900-03-01'", "'0001-01-01'", "'0001-12-31 BC'");
        same("time", "'00:00:00'", "'23:59:59.999999'", "'24:00:00'", "'12:34:56.5'", "'01:02:03.000001'");
        same("timestamp", "'2024-05-01 10:00:00.123456'", "'infinity'", "'-infinity'", "'4713-01-01 00:00:00 BC'",
                "'10000-01-01 00:00:00'", "'1969-12-31 23:59:59.999999'", "'294246-12-31 23:59:59.999999'");
        same("timestamptz", "'2024-05-01 10:00:00+02'", "'2024-05-01 10:00:00.5-07:30'", "'infinity'",
                "'-infinity'", "'0010-01-01 00:00:00+00 BC'", "'1900-01-01 00:00:00 Europe/Amsterdam'");
        bothRefuse("timestamp", "'294276-12-31 23:59:59.999999'", "");
    }

    @Test
    void intervalsInThePostgresStyle() {
        same("interval", "'1 year 2 mons 3 days 04:05:06.789'", "'-1 years -2 mons +3 days -04:05:06'",
                "'00:00:00'", "'-00:00:01'", "'178000000 years'", "'1 day -00:00:00.000001'", "'infinity'",
                "'-infinity'", "'-178000000 years -7 mons -2147483647 days'", "'2562047 hours 47 minutes'",
                "'1 mon'", "'-1 day'", "'14 months'");
        bothRefuse("interval", "'2562047788 hours'", "292 years");
    }

    @Test
    void arraysAsListsAndTheShapesAListCannotKeep() {
        same("integer[]", "'{1,NULL,3}'", "'{}'", "NULL");
        same("text[]", "ARRAY['a b', 'q\"u', 'NULL', NULL, '', 'x', 'back\\slash', '{}', 'c,d']");
        same("double precision[]", "'{NaN,-Infinity,0.1,-0}'");
        same("timestamp[]", "'{\"2024-05-01 10:00:00\",infinity}'");
        same("numeric(10,2)[]", "'{1.50,-2}'");
        same("bytea[]", "ARRAY['\\x00'::bytea, NULL]");
        same("uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'");
        same("boolean[]", "'{t,f,NULL}'");
        same("jsonb[]", "ARRAY['{\"a\": 1}'::jsonb]");
        same("interval[]", "'{\"1 day\",\"-00:00:01\"}'");
        bothRefuse("integer[]", "'[0:2]={1,2,3}'", "text_columns");
        bothRefuse("integer[]", "'{{1,2},{3,4}}'", "text_columns");
    }
}
