package io.rapidbyte.it.data;

import io.rapidbyte.it.env.PostgresServer;

/**
 * The demo's and the benchmark's table: {@code public.orders} with a primary key and a mix of
 * types (integers, numeric, floats, text, boolean, timestamps, date, uuid, array, jsonb, NULLs),
 * filled server-side with {@code generate_series} so any size is cheap to create.
 */
public final class SampleTable {
    public static final String TABLE = "public.orders";

    private SampleTable() {
    }

    /** Creates {@link #TABLE} in {@code database} with {@code rows} deterministic rows. */
    public static void create(PostgresServer pg, String database, long rows) {
        pg.execute(database, "DROP TABLE IF EXISTS " + TABLE + ";"
                + "CREATE TABLE " + TABLE + " ("
                + " id bigint PRIMARY KEY,"
                + " customer_id integer NOT NULL,"
                + " status text NOT NULL,"
                + " amount numeric(12,2),"
                + " quantity smallint,"
                + " discount real,"
                + " score double precision,"
                + " paid boolean,"
                + " created_at timestamptz NOT NULL,"
                + " ship_date date,"
                + " note varchar(200),"
                + " tags text[],"
                + " ref uuid,"
                + " attributes jsonb)");
        pg.execute(database, "INSERT INTO " + TABLE + " SELECT g,"
                + " (g * 7919) % 100000,"
                + " (ARRAY['new','paid','shipped','delivered','cancelled'])[1 + g % 5],"
                + " CASE WHEN g % 17 = 0 THEN NULL ELSE ((g * 37) % 1000000) / 100.0 END,"
                + " (g % 20 + 1)::smallint,"
                + " ((g % 30) / 100.0)::real,"
                + " sqrt(g::double precision),"
                + " CASE WHEN g % 11 = 0 THEN NULL ELSE g % 2 = 0 END,"
                + " timestamptz '2024-01-01 00:00:00+00' + make_interval(secs => g * 13),"
                + " date '2024-01-01' + (g % 400)::int,"
                + " CASE WHEN g % 3 = 0 THEN NULL ELSE 'order note #' || g || ' — ünïcødé' END,"
                + " ARRAY['t' || (g % 7), 'k' || (g % 13)],"
                + " md5(g::text)::uuid,"
                + " jsonb_build_object('channel', (ARRAY['web','app','store'])[1 + g % 3], 'items', g % 9)"
                + " FROM generate_series(1::bigint, " + rows + ") AS g");
        // Sets hint bits and the visibility map now, so the first reader (the chain) does not pay
        // for writing them and the reference run after it does not profit; a statement of its own
        // because VACUUM cannot run in a transaction block.
        pg.execute(database, "VACUUM ANALYZE " + TABLE);
    }
}
