package io.rapidbyte.source.postgres.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.source.postgres.catalog.ColumnInfo;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.config.StreamConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadPlanTest {
    private static ColumnInfo col(String name, int oid, String type, boolean notNull) {
        return new ColumnInfo(name, 1, type, notNull, oid, -1, 'b', 0, '\0', true, 0);
    }

    private static final SourceTable ORDERS = new SourceTable("sales", "Orders", 'r', List.of(
            col("id", PgOids.INT8, "bigint", true),
            col("updated at", PgOids.TIMESTAMPTZ, "timestamp with time zone", false),
            new ColumnInfo("mood", 2, "mood", false, 99999, -1, 'e', 0, '\0', true, 0),
            col("say \"hi\"", PgOids.TEXT, "text", false)),
            List.of("id"), List.of(List.of("id")));

    @Test
    void fullRefreshOrdersByThePrimaryKeyAndResumesAfterIt() {
        StreamConfig s = StreamConfig.fullRefresh("sales.Orders");
        ReadPlan fresh = ReadPlanner.plan(s, ORDERS, null, true);
        assertEquals("COPY (SELECT src.\"id\", src.\"updated at\", src.\"mood\"::text AS \"mood\", src.\"say \"\"hi\"\"\","
                + " src.\"id\"::text AS \"__rb_k0\" FROM \"sales\".\"Orders\" AS src ORDER BY src.\"id\") TO STDOUT"
                + " (FORMAT binary)", fresh.copySql());
        ReadPlan resumed = ReadPlanner.plan(s, ORDERS, List.of("42"), true);
        assertTrue(resumed.selectSql().contains(" WHERE (src.\"id\") > ('42'::bigint) ORDER BY src.\"id\""),
                resumed.selectSql());
        assertEquals(KeySpec.Uniqueness.UNIQUE, resumed.key().uniqueness());
        assertEquals(5, resumed.fieldCount());
    }

    @Test
    void incrementalWithoutUniqueKeyMarksNewGroups() {
        StreamConfig s = new StreamConfig("sales.Orders", SyncMode.INCREMENTAL, "updated at", Collections.emptyList(),
                List.of("id", "updated at"));
        ReadPlan fresh = ReadPlanner.plan(s, ORDERS, null, true);
        assertEquals(KeySpec.Uniqueness.GROUPED, fresh.key().uniqueness());
        assertEquals("SELECT src.\"id\", src.\"updated at\", src.\"updated at\"::text AS \"__rb_k0\", (lag(src.\"updated at\")"
                + " OVER w IS DISTINCT FROM src.\"updated at\") AS \"__rb_new_group\" FROM \"sales\".\"Orders\" AS src"
                + " WHERE src.\"updated at\" IS NOT NULL WINDOW w AS (ORDER BY src.\"updated at\")"
                + " ORDER BY src.\"updated at\"", fresh.selectSql());
        assertEquals(4, fresh.fieldCount());
        ReadPlan later = ReadPlanner.plan(s, ORDERS, List.of("2024-01-01 00:00:00+00"), true);
        assertTrue(later.selectSql().contains("WHERE (src.\"updated at\") > ('2024-01-01 00:00:00+00'::timestamp with"
                + " time zone)"), later.selectSql());
    }

    @Test
    void tieBreakerMakesTheKeyUniqueAndRowComparisonsResume() {
        StreamConfig s = new StreamConfig("sales.Orders", SyncMode.INCREMENTAL, "updated at", List.of("id"), null);
        ReadPlan plan = ReadPlanner.plan(s, ORDERS, List.of("2024-01-01 00:00:00+00", "7"), true);
        assertEquals(KeySpec.Uniqueness.UNIQUE, plan.key().uniqueness());
        assertTrue(plan.selectSql().endsWith("WHERE (src.\"updated at\", src.\"id\") > ('2024-01-01 00:00:00+00'::"
                + "timestamp with time zone, '7'::bigint) ORDER BY src.\"updated at\", src.\"id\""), plan.selectSql());
    }

    @Test
    void tablesWithoutPrimaryKeyUseCtidAndViewsHaveNoKey() {
        SourceTable heap = new SourceTable("s", "h", 'r', List.of(col("v", PgOids.INT4, "integer", false)), List.of(),
                List.of());
        ReadPlan plan = ReadPlanner.plan(StreamConfig.fullRefresh("s.h"), heap, List.of("(3,7)"), true);
        assertTrue(plan.key().isCtid());
        assertTrue(plan.selectSql().endsWith("src.ctid::text AS \"__rb_k0\" FROM \"s\".\"h\" AS src WHERE (src.ctid) >"
                + " ('(3,7)'::tid) ORDER BY src.ctid"), plan.selectSql());
        SourceTable view = new SourceTable("s", "v", 'v', heap.columns(), List.of(), List.of());
        ReadPlan viewPlan = ReadPlanner.plan(StreamConfig.fullRefresh("s.v"), view, null, true);
        assertEquals(KeySpec.Uniqueness.NONE, viewPlan.key().uniqueness());
        assertEquals("SELECT src.\"v\" FROM \"s\".\"v\" AS src", viewPlan.selectSql());
    }

    @Test
    void positionsAreQuotedAsLiterals() {
        SourceTable t = new SourceTable("s", "t", 'r', List.of(col("k", PgOids.TEXT, "text", true)), List.of("k"),
                List.of(List.of("k")));
        ReadPlan standard = ReadPlanner.plan(StreamConfig.fullRefresh("s.t"), t, List.of("it's \\ fine"), true);
        assertTrue(standard.selectSql().contains("> ('it''s \\ fine'::text)"), standard.selectSql());
        ReadPlan legacy = ReadPlanner.plan(StreamConfig.fullRefresh("s.t"), t, List.of("it's \\ fine"), false);
        assertTrue(legacy.selectSql().contains("> (E'it''s \\\\ fine'::text)"), legacy.selectSql());
    }

    @Test
    void problemsBecomeConfigAndPermissionErrors() {
        StreamConfig missing = new StreamConfig("sales.Orders", SyncMode.FULL_REFRESH, null, List.of(), List.of("id", "nope"));
        ConnectorException e = assertThrows(ConnectorException.class, () -> ReadPlanner.plan(missing, ORDERS, null, true));
        assertEquals(ErrorCategory.CONFIG, e.error().category());
        assertEquals("42703", e.error().code());
        assertTrue(e.error().message().contains("column \"nope\" does not exist in sales.Orders (columns: id, updated at,"
                + " mood, say \"hi\")"), e.error().message());

        SourceTable locked = new SourceTable("s", "t", 'r', List.of(new ColumnInfo("x", 1, "integer", true, PgOids.INT4, -1,
                'b', 0, '\0', false, 0)), List.of(), List.of());
        ConnectorException denied = assertThrows(ConnectorException.class,
                () -> ReadPlanner.plan(StreamConfig.fullRefresh("s.t"), locked, null, true));
        assertEquals(ErrorCategory.PERMISSION, denied.error().category());
        assertEquals("42501", denied.error().code());

        StreamConfig nullableTb = new StreamConfig("sales.Orders", SyncMode.INCREMENTAL, "id", List.of("updated at"), null);
        ConnectorException tb = assertThrows(ConnectorException.class, () -> ReadPlanner.plan(nullableTb, ORDERS, null, true));
        assertEquals("TIE_BREAKER_NULLABLE", tb.error().code());
    }

    @Test
    void aPageRangeIsATidRangeScanOrderedByCtid() {
        StreamConfig s = StreamConfig.fullRefresh("sales.Orders");
        ReadPlan middle = ReadPlanner.plan(s, ORDERS, KeySpec.ctid(), null, true).pages(250, 500);
        assertTrue(middle.selectSql().endsWith(" FROM \"sales\".\"Orders\" AS src WHERE src.ctid >= '(250,0)'::tid"
                + " AND src.ctid < '(500,0)'::tid ORDER BY src.ctid"), middle.selectSql());
        ReadPlan last = ReadPlanner.plan(s, ORDERS, KeySpec.ctid(), List.of("(812,4)"), true).pages(750, -1);
        assertTrue(last.selectSql().endsWith(" WHERE (src.ctid) > ('(812,4)'::tid) AND src.ctid >= '(750,0)'::tid"
                + " ORDER BY src.ctid"), last.selectSql());
        assertThrows(IllegalArgumentException.class, () -> ReadPlanner.plan(s, ORDERS, null, true).pages(0, 10));
    }
}
