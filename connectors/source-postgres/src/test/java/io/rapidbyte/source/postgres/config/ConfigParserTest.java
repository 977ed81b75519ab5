package io.rapidbyte.source.postgres.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    @Test
    void fullConfigIsParsed() {
        PostgresSourceConfig c = ConfigParser.parse(Json.parseObject("{\"host\":\"db\",\"port\":6543,\"database\":\"shop\","
                + "\"user\":\"u\",\"password\":\"pw\",\"schemas\":[\"a\",\"b\"],\"max_batch_rows\":500,"
                + "\"max_batch_bytes\":65536,\"connect_timeout_ms\":2000,\"statement_timeout_ms\":30000,"
                + "\"application_name\":\"x\",\"streams\":[{\"name\":\"a.orders\",\"sync_mode\":\"incremental\","
                + "\"cursor_field\":\"ts\",\"tie_breaker\":[\"id\",\"line\"],\"columns\":[\"id\",\"ts\"]},"
                + "{\"name\":\"b.t.with.dots\"}]}"));
        assertEquals("db:6543", c.connection().address());
        assertEquals("shop", c.connection().database());
        assertEquals("pw", c.connection().password());
        assertEquals(List.of("a", "b"), c.schemas());
        assertEquals(500, c.maxBatchRows());
        assertEquals(65536, c.maxBatchBytes());
        assertEquals(2000, c.connection().connectTimeoutMs());
        assertEquals(30000, c.connection().statementTimeoutMs());
        StreamConfig s = c.stream("a.orders");
        assertEquals(SyncMode.INCREMENTAL, s.syncMode());
        assertEquals("ts", s.cursorField());
        assertEquals(List.of("id", "line"), s.tieBreaker());
        assertEquals(List.of("id", "ts"), s.columns());
        StreamConfig dotted = c.stream("b.t.with.dots");
        assertEquals("b", dotted.schema());
        assertEquals("t.with.dots", dotted.table());
        assertFalse(c.toString().contains("pw"), c.toString());
    }

    @Test
    void defaultsApply() {
        PostgresSourceConfig c = ConfigParser.parse(Json.parseObject("{\"host\":\"db\",\"user\":\"u\"}"));
        assertEquals(5432, c.connection().port());
        assertEquals("u", c.connection().database());
        assertNull(c.connection().password());
        assertEquals(List.of("public"), c.schemas());
        assertEquals(PostgresSourceConfig.DEFAULT_MAX_BATCH_BYTES, c.maxBatchBytes());
        assertEquals(0, c.maxBatchRows());
        assertEquals(0, c.connection().statementTimeoutMs());
        StreamConfig unconfigured = c.stream("public.t");
        assertEquals(SyncMode.FULL_REFRESH, unconfigured.syncMode());
        assertNull(unconfigured.columns());
        assertEquals("[::1]:5432", ConfigParser.parse(Json.parseObject("{\"host\":\"::1\",\"user\":\"u\"}")).connection().address());
    }

    @Test
    void tieBreakerMayBeOneString() {
        PostgresSourceConfig c = ConfigParser.parse(Json.parseObject("{\"host\":\"h\",\"user\":\"u\",\"streams\":[{\"name\":"
                + "\"s.t\",\"sync_mode\":\"incremental\",\"cursor_field\":\"c\",\"tie_breaker\":\"id\"}]}"));
        assertEquals(List.of("id"), c.stream("s.t").tieBreaker());
    }

    @Test
    void textColumnsAreParsedAndChecked() {
        PostgresSourceConfig c = ConfigParser.parse(Json.parseObject("{\"host\":\"h\",\"user\":\"u\",\"streams\":[{\"name\":"
                + "\"s.t\",\"text_columns\":[\"amount\",\"grid\"]}]}"));
        assertEquals(List.of("amount", "grid"), c.stream("s.t").textColumns());
        assertEquals(List.of(), ConfigParser.parse(Json.parseObject("{\"host\":\"h\",\"user\":\"u\","
                + "\"streams\":[{\"name\":\"s.t\"}]}")).stream("s.t").textColumns());
        ConnectorException e = assertThrows(ConnectorException.class, () -> ConfigParser.parse(Json.parseObject(
                "{\"host\":\"h\",\"user\":\"u\",\"streams\":[{\"name\":\"s.t\",\"columns\":[\"id\"],"
                        + "\"text_columns\":[\"amount\",\"amount\"]}]}")));
        assertTrue(e.error().message().contains("text_columns \"amount\" must be one of the projected \"columns\""),
                e.error().message());
        assertTrue(e.error().message().contains("text_columns column \"amount\" is listed twice"), e.error().message());
    }

    @Test
    void everyProblemIsListedAndNoValueEchoed() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> ConfigParser.parse(Json.parseObject(
                "{\"port\":\"5432\",\"user\":\"\",\"password\":[\"hunter2\"],\"max_batch_bytes\":10,"
                        + "\"streams\":[{\"name\":\"s.t\",\"sync_mode\":\"sideways\"},"
                        + "{\"name\":\"s.u\",\"cursor_field\":\"c\"},"
                        + "{\"name\":\"s.v\",\"sync_mode\":\"incremental\",\"cursor_field\":\"c\",\"columns\":[\"a\",\"a\"],"
                        + "\"tie_breaker\":[\"c\"],\"curser\":1},"
                        + "{\"name\":\"s.t\"}]}")));
        assertEquals(ErrorCategory.CONFIG, e.error().category());
        assertEquals("INVALID_CONFIG", e.error().code());
        String m = e.error().message();
        for (String part : List.of("\"host\" is required", "\"port\" must be an integer", "\"user\" must be a non-empty",
                "\"password\" must be a string", "\"max_batch_bytes\" must be between 4096",
                "\"streams[0].sync_mode\" must be full_refresh, incremental or cdc, got \"sideways\"",
                "stream \"s.u\": \"cursor_field\" and \"tie_breaker\" only apply to incremental sync",
                "stream \"s.v\": cursor_field \"c\" must be one of the projected \"columns\"",
                "stream \"s.v\": the cursor_field cannot also be a tie_breaker column",
                "stream \"s.v\": column \"a\" is listed twice", "unknown member \"streams[2].curser\"",
                "stream \"s.t\" is configured twice")) {
            assertTrue(m.contains(part), part + " missing in: " + m);
        }
        assertFalse(m.contains("hunter2"));
    }

    @Test
    void snapshotRangesDefaultsToOneAndIsChecked() {
        assertEquals(1, ConfigParser.parse(Json.parseObject("{\"host\":\"db\",\"user\":\"u\"}")).snapshotRanges());
        assertEquals(16, ConfigParser.parse(Json.parseObject(
                "{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":16}")).snapshotRanges());
        for (String bad : new String[] {"0", "1025", "-3"}) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> ConfigParser.parse(Json.parseObject(
                    "{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":" + bad + "}")));
            assertTrue(e.error().message().contains("\"snapshot_ranges\" must be between 1 and 1024, got " + bad),
                    e.error().message());
        }
        ConnectorException e = assertThrows(ConnectorException.class, () -> ConfigParser.parse(Json.parseObject(
                "{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":\"4\"}")));
        assertTrue(e.error().message().contains("\"snapshot_ranges\" must be an integer"), e.error().message());
    }

    @Test
    void snapshotRangesWithCdcNeedARetainedSlot() {
        for (String config : new String[] {"\"sync_mode\":\"cdc\"", "\"streams\":[{\"name\":\"public.t\",\"sync_mode\":\"cdc\"}]"}) {
            assertEquals(4, ConfigParser.parse(Json.parseObject(
                    "{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":4," + config + "}")).snapshotRanges());
            ConnectorException e = assertThrows(ConnectorException.class, () -> ConfigParser.parse(Json.parseObject(
                    "{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":4,\"cdc\":{\"slot_lifecycle\":\"temporary\"},"
                            + config + "}")));
            assertTrue(e.error().message().contains("\"snapshot_ranges\" above 1 with sync_mode cdc needs "
                    + "\"cdc.slot_lifecycle\" retain"), e.error().message());
        }
        assertEquals(1, ConfigParser.parse(Json.parseObject("{\"host\":\"db\",\"user\":\"u\",\"snapshot_ranges\":1,"
                + "\"sync_mode\":\"cdc\",\"cdc\":{\"slot_lifecycle\":\"temporary\"}}")).snapshotRanges());
    }
}
