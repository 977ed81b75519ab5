package io.rapidbyte.source.postgres.catalog;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonArray;
import io.rapidbyte.sdk.json.JsonObject;
import io.rapidbyte.source.postgres.ranges.PageRange;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code discover} catalog: {@code {"streams": [...]}}, one entry per relation with its columns
 * (name, Postgres type, Arrow type, nullability, whether it is read as text), primary key, the sync
 * modes it supports and a suggested cursor. Stateless.
 *
 * <pre>{@code
 * {"name": "public.orders", "schema": "public", "table": "orders", "kind": "table",
 *  "columns": [{"name": "id", "pg_type": "bigint", "arrow_type": "int64", "nullable": false}, ...],
 *  "primary_key": ["id"], "supported_sync_modes": ["full_refresh", "incremental"],
 *  "resumable_full_refresh": true, "suggested_cursor": "updated_at", "suggested_tie_breaker": ["id"],
 *  "ranges": [{"id": "0", "from_page": 0, "to_page": 120}, {"id": "1", "from_page": 120}]}
 * }</pre>
 * {@code ranges} only with {@code snapshot_ranges} above 1, for full-refresh and cdc plain tables and
 * materialized views (see {@link io.rapidbyte.source.postgres.ranges.RangeCatalog}).
 */
public final class CatalogJson {
    private static final String[] CURSOR_NAMES = {"updated_at", "modified_at", "last_modified", "last_modified_at",
        "last_updated", "updated", "modified", "update_time", "changed_at", "created_at", "inserted_at"};

    private CatalogJson() {
    }

    public static JsonObject catalog(List<SourceTable> tables) {
        return catalog(tables, new HashMap<String, List<PageRange>>());
    }

    /**
     * @param ranges per stream name, the ctid ranges it is read in ({@code snapshot_ranges}); a
     *               stream without an entry is read whole
     */
    public static JsonObject catalog(List<SourceTable> tables, Map<String, List<PageRange>> ranges) {
        JsonArray streams = Json.array();
        for (SourceTable t : tables) {
            JsonObject entry = stream(t);
            List<PageRange> plan = ranges.get(t.streamName());
            if (plan != null) {
                JsonArray list = Json.array();
                for (PageRange r : plan) {
                    list.add(r.toJson());
                }
                entry.with("ranges", list);
            }
            streams.add(entry);
        }
        return Json.object().with("streams", streams);
    }

    static JsonObject stream(SourceTable t) {
        JsonArray columns = Json.array();
        for (ColumnInfo c : t.columns()) {
            ColumnMapping m = TypeMapper.map(c);
            JsonObject col = Json.object()
                    .with("name", c.name())
                    .with("pg_type", c.pgType())
                    .with("arrow_type", describe(m))
                    .with("nullable", m.field().isNullable());
            if (m.fallbackReason() != null) {
                col.with("note", m.fallbackReason());
            }
            if (!c.selectable()) {
                col.with("selectable", false);
            }
            columns.add(col);
        }
        JsonArray pk = Json.array();
        for (String k : t.primaryKey()) {
            pk.add(k);
        }
        JsonObject out = Json.object()
                .with("name", t.streamName())
                .with("schema", t.schema())
                .with("table", t.name())
                .with("kind", t.kindName())
                .with("columns", columns)
                .with("primary_key", pk)
                .with("supported_sync_modes", Json.array().with("full_refresh").with("incremental"))
                .with("resumable_full_refresh", !t.primaryKey().isEmpty() || t.hasStableCtid());
        String cursor = suggestedCursor(t);
        if (cursor != null) {
            out.with("suggested_cursor", cursor);
            if (!t.primaryKey().isEmpty() && !t.primaryKey().contains(cursor)) {
                JsonArray tb = Json.array();
                for (String k : t.primaryKey()) {
                    tb.add(k);
                }
                out.with("suggested_tie_breaker", tb);
            }
        }
        return out;
    }

    /** Arrow type text, e.g. {@code decimal128(12, 2)} or {@code list<utf8>}. */
    static String describe(ColumnMapping m) {
        if (m.kind() == ValueKind.LIST) {
            return "list<" + m.field().elementField().type() + ">";
        }
        return m.field().type().toString();
    }

    /**
     * A timestamp/date column with a conventional "last changed" name, else a single-column integer
     * primary key (monotonic ids), else none.
     */
    static String suggestedCursor(SourceTable t) {
        for (String name : CURSOR_NAMES) {
            ColumnInfo c = t.column(name);
            if (c != null && !c.isArray() && isTemporal(c.baseOid())) {
                return name;
            }
        }
        if (t.primaryKey().size() == 1) {
            ColumnInfo c = t.column(t.primaryKey().get(0));
            if (c != null && !c.isArray()
                    && (c.baseOid() == PgOids.INT2 || c.baseOid() == PgOids.INT4 || c.baseOid() == PgOids.INT8)) {
                return c.name();
            }
        }
        return null;
    }

    private static boolean isTemporal(int oid) {
        return oid == PgOids.TIMESTAMP || oid == PgOids.TIMESTAMPTZ || oid == PgOids.DATE;
    }
}
