package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ValidationStatus;
import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** discover lists the configured schemas as a catalog; validate reports each problem on its own line. */
class DiscoverAndValidateTest {
    private static String db;

    @BeforeAll
    static void tables() {
        db = Pg.newDatabase("src_catalog");
        Pg.sql(db, "CREATE SCHEMA shop;"
                + "CREATE TABLE shop.orders (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, note text,"
                + " updated_at timestamptz, tags text[]);"
                + "CREATE TABLE shop.lines (order_id bigint, line int, qty int NOT NULL, maybe int,"
                + " PRIMARY KEY (order_id, line));"
                + "CREATE VIEW shop.big_orders AS SELECT id, total FROM shop.orders WHERE total > 100;"
                + "CREATE TABLE public.other (x int);"
                + "CREATE TABLE shop.secret (id int PRIMARY KEY, hidden text);"
                + "REVOKE ALL ON shop.secret FROM PUBLIC;"
                + "CREATE ROLE limited_reader LOGIN PASSWORD '" + TestPostgres.PASSWORD + "';"
                + "GRANT USAGE ON SCHEMA shop TO limited_reader;"
                + "GRANT SELECT ON shop.orders, shop.lines, shop.big_orders TO limited_reader;"
                + "GRANT SELECT (id) ON shop.secret TO limited_reader;");
    }

    @Test
    void discoverDescribesEveryRelationOfTheConfiguredSchemas() {
        String cfg = Pg.config(db, TestPostgres.SCRAM_USER, "\"schemas\":[\"shop\"]");
        SourceRun.Result r = SourceRun.of(cfg, Pg.port()).discover();
        assertNull(r.error, () -> String.valueOf(r.error));
        JsonArray streams = Json.parseObject(r.catalog).getArray("streams");
        assertEquals(List.of("shop.big_orders", "shop.lines", "shop.orders", "shop.secret"),
                streams.stream().map(s -> ((JsonObject) s).getString("name")).toList());
        JsonObject orders = streams.getObject(2);
        assertEquals("table", orders.getString("kind"));
        assertEquals(List.of("id"), orders.getArray("primary_key"));
        assertEquals("updated_at", orders.getString("suggested_cursor"));
        assertEquals(List.of("id"), orders.getArray("suggested_tie_breaker"));
        JsonObject total = orders.getArray("columns").getObject(1);
        assertEquals("numeric(12,2)", total.getString("pg_type"));
        assertEquals("decimal128(12, 2)", total.getString("arrow_type"));
        assertEquals("list<utf8>", orders.getArray("columns").getObject(4).getString("arrow_type"));
        JsonObject lines = streams.getObject(1);
        assertEquals(List.of("order_id", "line"), lines.getArray("primary_key"));
        JsonObject view = streams.getObject(0);
        assertEquals("view", view.getString("kind"));
        assertEquals(false, view.getBoolean("resumable_full_refresh"));
    }

    @Test
    void validateReportsEachProblem() {
        String streams = "\"schemas\":[\"shop\",\"nowhere\"],\"streams\":["
                + "{\"name\":\"shop.orders\",\"columns\":[\"id\",\"totl\"]},"
                + "{\"name\":\"shop.missing\"},"
                + "{\"name\":\"shop.lines\",\"sync_mode\":\"incremental\",\"cursor_field\":\"qty\",\"tie_breaker\":\"maybe\"},"
                + "{\"name\":\"shop.secret\"}]";
        String cfg = "{\"host\":\"127.0.0.1\",\"port\":" + Pg.port() + ",\"database\":\"" + db
                + "\",\"user\":\"limited_reader\",\"password\":\"" + TestPostgres.PASSWORD + "\"," + streams + "}";
        SourceRun.Result r = SourceRun.of(cfg, Pg.port()).validate();
        assertNull(r.error, () -> String.valueOf(r.error));
        assertEquals(ValidationStatus.FAILED, r.validation.status(), r.validation.message());
        String m = r.validation.message();
        for (String line : List.of(
                "error: schema \"nowhere\" (in \"schemas\") does not exist",
                "error: stream shop.orders: column \"totl\" does not exist in shop.orders (columns: id, total, note,"
                        + " updated_at, tags) (42703)",
                "error: stream shop.missing: relation \"shop\".\"missing\" does not exist or is not visible to user"
                        + " limited_reader (42P01)",
                "error: stream shop.lines: tie_breaker column \"maybe\" can be NULL",
                "error: stream shop.secret: no SELECT privilege on column \"hidden\" of shop.secret (42501)")) {
            assertTrue(m.contains(line), "missing \"" + line + "\" in:\n" + m);
        }
        assertEquals(5, m.lines().count(), m);
    }

    @Test
    void validateWarnsAboutWhatWorksDifferently() {
        String streams = "\"schemas\":[\"shop\"],\"streams\":["
                + "{\"name\":\"shop.orders\",\"sync_mode\":\"incremental\",\"cursor_field\":\"updated_at\"},"
                + "{\"name\":\"shop.big_orders\"}]";
        SourceRun.Result r = SourceRun.of(Pg.config(db, TestPostgres.SCRAM_USER, streams), Pg.port()).validate();
        assertNull(r.error, () -> String.valueOf(r.error));
        assertEquals(ValidationStatus.WARNING, r.validation.status(), r.validation.message());
        String m = r.validation.message();
        assertTrue(m.contains("cursor_field \"updated_at\" can be NULL; rows with a NULL cursor are never read"), m);
        assertTrue(m.contains("cursor [updated_at] is not unique"), m);
        assertTrue(m.contains("stream shop.big_orders: view without primary key"), m);
    }

    @Test
    void validateSucceedsForAGoodConfig() {
        String streams = "\"schemas\":[\"shop\"],\"streams\":[{\"name\":\"shop.lines\",\"sync_mode\":\"incremental\","
                + "\"cursor_field\":\"order_id\",\"tie_breaker\":[\"line\"]}]";
        SourceRun.Result r = SourceRun.of(Pg.config(db, TestPostgres.SCRAM_USER, streams), Pg.port()).validate();
        assertNull(r.error, () -> String.valueOf(r.error));
        assertNotNull(r.validation);
        assertEquals(ValidationStatus.SUCCESS, r.validation.status(), r.validation.message());
    }

    @Test
    void validateReportsAWrongPasswordAsAFailure() {
        String cfg = "{\"host\":\"127.0.0.1\",\"port\":" + Pg.port() + ",\"database\":\"" + db
                + "\",\"user\":\"" + TestPostgres.SCRAM_USER + "\",\"password\":\"wrong-one\"}";
        SourceRun.Result r = SourceRun.of(cfg, Pg.port()).validate();
        assertEquals(ValidationStatus.FAILED, r.validation.status());
        // Names the setting at fault first (the plugin reports the line on wasm.config.password), the code once.
        assertTrue(r.validation.message().startsWith("password: cannot connect (auth): "), r.validation.message());
        assertEquals(1, r.validation.message().split("28P01", -1).length - 1, r.validation.message());
        assertTrue(!r.validation.message().contains("wrong-one"));
    }
}
