package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison every scenario relies on does see a lost, a duplicated and a changed row, and a changed type. */
class TableDiffIT {
    private static final String DB = "tablediff";

    @Test
    void itSeesEveryKindOfDifference() {
        PostgresServer pg = SharedEnvironment.postgres();
        pg.createDatabase(DB);
        pg.execute(DB, """
                CREATE TABLE a (id int, x double precision, j json);
                INSERT INTO a VALUES (1, 0, '{"k": 1}'), (2, 1.5, '[]'), (3, 2.5, 'null');
                CREATE TABLE same AS SELECT * FROM a;
                CREATE TABLE lost AS SELECT * FROM a WHERE id <> 3;
                CREATE TABLE doubled AS SELECT * FROM a UNION ALL SELECT * FROM a WHERE id = 2;
                CREATE TABLE changed AS SELECT id, CASE WHEN id = 1 THEN '-0'::float8 ELSE x END AS x, j FROM a;
                CREATE TABLE retyped (id bigint, x double precision, j json);
                INSERT INTO retyped SELECT * FROM a;
                """);
        assertTrue(TableDiff.compare(pg, DB, "public.a", "public.same").equal(), "json compares as text");

        TableDiff.Result lost = TableDiff.compare(pg, DB, "public.a", "public.lost");
        assertEquals(1, lost.onlyInLeft(), lost.toString());
        assertFalse(lost.equal());

        TableDiff.Result doubled = TableDiff.compare(pg, DB, "public.a", "public.doubled");
        assertEquals(0, doubled.onlyInLeft(), doubled.toString());
        assertEquals(1, doubled.onlyInRight(), "EXCEPT ALL counts the duplicate: " + doubled);
        assertFalse(doubled.equal());

        TableDiff.Result changed = TableDiff.compare(pg, DB, "public.a", "public.changed");
        assertEquals(1, changed.onlyInLeft(), "0 and -0 differ: " + changed);
        assertFalse(changed.equal());

        TableDiff.Result retyped = TableDiff.compare(pg, DB, "public.a", "public.retyped");
        assertEquals(List.of("id: integer ≠ bigint"), retyped.typeDiffs());
        assertFalse(retyped.equal());
    }
}
