package io.rapidbyte.postgres.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The session settings the client fixes win over database defaults that would change how values
 * print as text, so a value that travels as text (text fallbacks, text_columns, resume positions)
 * reads back as the same value in another session.
 */
class SessionSettingsIntegrationTest {
    private static final String DB = "settings_db";

    @BeforeAll
    static void createDatabaseWithHostileDefaults() throws PgException {
        try (PgConnection c = EmbeddedPg.superuser()) {
            c.simpleQuery("DROP DATABASE IF EXISTS " + DB);
            c.simpleQuery("CREATE DATABASE " + DB);
            c.simpleQuery("ALTER DATABASE " + DB + " SET IntervalStyle = 'sql_standard';"
                    + "ALTER DATABASE " + DB + " SET DateStyle = 'SQL, DMY';"
                    + "ALTER DATABASE " + DB + " SET TimeZone = 'America/New_York';"
                    + "ALTER DATABASE " + DB + " SET extra_float_digits = 0;"
                    + "ALTER DATABASE " + DB + " SET lc_monetary = 'C.utf8'");
        }
    }

    @AfterAll
    static void drop() throws PgException {
        try (PgConnection c = EmbeddedPg.superuser()) {
            c.simpleQuery("DROP DATABASE IF EXISTS " + DB);
        }
    }

    private static PgConnection connect() throws PgException {
        return PgConnection.connect(new SocketTransport("127.0.0.1", EmbeddedPg.port()),
                PgConnectOptions.builder("postgres").database(DB).build());
    }

    @Test
    void fixedSettingsWinOverDatabaseDefaults() throws PgException {
        try (PgConnection c = connect()) {
            assertEquals("postgres", c.query("SHOW IntervalStyle").value(0, 0));
            assertEquals("ISO, MDY", c.query("SHOW DateStyle").value(0, 0));
            assertEquals("UTC", c.query("SHOW TimeZone").value(0, 0));
            assertEquals("3", c.query("SHOW extra_float_digits").value(0, 0));
            assertEquals("C", c.query("SHOW lc_monetary").value(0, 0));
        }
    }

    @Test
    void valuesPrintedInOneSessionReadBackAsTheSameValue() throws PgException {
        try (PgConnection c = connect()) {
            QueryResult r = c.query("SELECT '-1 days -02:03:04'::interval::text, '2024-03-17 10:00:00+00'::timestamptz::text,"
                    + " '2024-03-04'::date::text, 0.1::float8::text, 1234567.89::money::text");
            assertEquals("-1 days -02:03:04", r.value(0, 0));
            assertEquals("2024-03-17 10:00:00+00", r.value(0, 1));
            assertEquals("2024-03-04", r.value(0, 2));
            assertEquals("0.1", r.value(0, 3));
            assertEquals("$1,234,567.89", r.value(0, 4));
            // and the text reads back as the value it came from
            assertEquals("t", c.query("SELECT '" + r.value(0, 0) + "'::interval = '-1 days -02:03:04'::interval"
                    + " AND '" + r.value(0, 4) + "'::money = 1234567.89::money").value(0, 0));
        }
        try (PgConnection c = connect()) {
            // what the database default would have printed: the same interval reads back as another value
            c.simpleQuery("SET IntervalStyle = 'sql_standard'");
            String standard = c.query("SELECT '-1 days -02:03:04'::interval::text").value(0, 0);
            c.simpleQuery("SET IntervalStyle = 'postgres'");
            assertEquals("-1 days +02:03:04", c.query("SELECT '" + standard + "'::interval::text").value(0, 0));
        }
    }
}
