package io.rapidbyte.source.postgres.ranges;

import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.source.postgres.catalog.CatalogReader;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.config.PostgresSourceConfig;
import io.rapidbyte.source.postgres.config.SyncMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranges {@code discover} offers with {@code snapshot_ranges} above 1: a plan from
 * {@link RangePlanner} for every full-refresh or cdc stream on a relation with stable ctids (plain
 * table, materialized view; a cdc stream's ranges are its initial snapshot); views, partitioned and foreign tables have no ctid ranges and are read
 * whole. The embedder fixes the plan once (the Connect plugin keeps it in its source offsets), so
 * a table that grows or shrinks later keeps the ranges it was planned with. Stateless.
 */
public final class RangeCatalog {
    private RangeCatalog() {
    }

    public static Map<String, List<PageRange>> plan(PostgresSourceConfig config, CatalogReader reader,
            List<SourceTable> tables) throws PgException {
        Map<String, List<PageRange>> out = new HashMap<String, List<PageRange>>();
        if (config.snapshotRanges() <= 1) {
            return out;
        }
        for (SourceTable t : tables) {
            SyncMode mode = config.stream(t.streamName()).syncMode();
            if (t.hasStableCtid() && (mode == SyncMode.FULL_REFRESH || mode == SyncMode.CDC)) {
                out.put(t.streamName(), RangePlanner.plan(reader.pages(t.schema(), t.name()), config.snapshotRanges()));
            }
        }
        return out;
    }
}
