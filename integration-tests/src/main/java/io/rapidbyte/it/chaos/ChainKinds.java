package io.rapidbyte.it.chaos;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pipeline kinds a chaos run knows, by name. Stateless. */
public final class ChainKinds {
    /** Full refresh, exactly-once source (KIP-618 transactions) into append: dedup by the destination's watermark. */
    public static final ChainKind APPEND_EXACTLY_ONCE = new ChainKind() {
        @Override
        public String name() {
            return "append-eos";
        }

        @Override
        public void configure(PostgresPipeline p) {
            p.source().set("exactly.once.support", "required");
            p.sink().set("wasm.config.write_mode", "append");
        }
    };

    /** Full refresh into upsert by the primary key: a replayed row overwrites itself. */
    public static final ChainKind UPSERT = new ChainKind() {
        @Override
        public String name() {
            return "upsert";
        }

        @Override
        public void configure(PostgresPipeline p) {
            p.source().set("exactly.once.support", "requested");
            p.sink().set("wasm.config.write_mode", "upsert");
        }
    };

    /**
     * Change data capture, exactly-once: {@code sync_mode: cdc} on a table of {@code rows} rows
     * (one in 50 with a TOASTed document) that {@link CdcChanges} writers start changing as soon
     * as the connectors are created, so their first changes race the slot and its snapshot, and
     * go on through the faults until they made as many changes as the table has rows. The target
     * must then equal the source: every change applied once, deletes and key changes included.
     */
    public static final ChainKind CDC = new ChainKind() {
        private static final String TABLE = "public.items";

        @Override
        public String name() {
            return "cdc";
        }

        @Override
        public void configure(PostgresPipeline p) {
            p.source().set("exactly.once.support", "required");
            p.source().set("wasm.config.sync_mode", "cdc");
            p.source().set("wasm.config.cdc", "{\"flush_interval_ms\": 100, \"heartbeat_interval_ms\": 1000}");
            // Changes trickle in: a commit a second at least, not only every 20,000 rows.
            p.sink().set("wasm.config.commit_interval", "{\"rows\": 20000, \"seconds\": 1}");
        }

        @Override
        public void createSource(PostgresServer pg, String database, long rows) {
            pg.execute(database, "CREATE TABLE " + TABLE + " (id int PRIMARY KEY, n int NOT NULL, note text, doc text);"
                    + "ALTER TABLE " + TABLE + " ALTER doc SET STORAGE EXTERNAL;"
                    + "INSERT INTO " + TABLE + " SELECT g, 0, 'v' || g, CASE WHEN g % 50 = 0 "
                    + "THEN repeat(md5(g::text), 400) END FROM generate_series(1, " + rows + ") g");
        }

        @Override
        public String sourceTable() {
            return TABLE;
        }

        @Override
        public SourceChanges startChanges(PostgresServer pg, String database, ChaosOptions options) {
            // A tenth more keys than rows: inserts of new keys happen besides re-inserts of deleted ones.
            int keys = (int) Math.min(Integer.MAX_VALUE, options.rows() + options.rows() / 10 + 2);
            return new CdcChanges(pg, database, TABLE, keys, options.rows(), options.changesPerSecond(),
                    options.seed());
        }

        @Override
        public double progress(Chain chain) {
            return chain.changes().progress();
        }

        @Override
        public boolean caughtUp(Chain chain) {
            return chain.changes().done() && chain.targetEqualsSource();
        }
    };

    private static final Map<String, ChainKind> BY_NAME = new LinkedHashMap<>();

    static {
        for (ChainKind k : List.of(APPEND_EXACTLY_ONCE, UPSERT, CDC)) {
            BY_NAME.put(k.name(), k);
        }
    }

    private ChainKinds() {
    }

    /** @throws IllegalArgumentException naming the known kinds */
    public static ChainKind byName(String name) {
        ChainKind k = BY_NAME.get(name);
        if (k == null) {
            throw new IllegalArgumentException("unknown pipeline kind " + name + " (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return k;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
