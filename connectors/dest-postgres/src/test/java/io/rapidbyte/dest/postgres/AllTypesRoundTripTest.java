package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every type of issue 4's list: the reference table is read into an Arrow batch exactly as
 * source-postgres maps it (with rapidbyte.pg_type), loaded by the wasm connector into a table it
 * creates, and compared with the reference: same column types, zero rows in EXCEPT both ways
 * (values compared through the types' output functions).
 */
class AllTypesRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"copy", "insert"})
    void everyTypeSurvivesTheRoundTrip(String loadMethod) throws Exception {
        DestHarness h = new DestHarness("alltypes_" + loadMethod);
        h.sql(AllTypes.setupSql("public.alltypes"));
        byte[] frame = PgToArrow.read(h.pg, h.database, "public.alltypes", "id", "public.alltypes", "run-1", 1);

        DestHarness.Run run = h.run(h.config("schema", "copy", "load_method", loadMethod), "public.alltypes",
                List.of(frame));
        assertEquals(AllTypes.ROWS.length, run.ok().recordsWritten());

        assertEquals(h.rows(AllTypes.typesQuery("public.alltypes")), h.rows(AllTypes.typesQuery("copy.alltypes")),
                "column types differ");
        assertEquals(List.of(), h.rows(AllTypes.asText("public.alltypes") + " EXCEPT " + AllTypes.asText("copy.alltypes")),
                "rows of the source missing at the destination");
        assertEquals(List.of(), h.rows(AllTypes.asText("copy.alltypes") + " EXCEPT " + AllTypes.asText("public.alltypes")),
                "rows at the destination that the source lacks");
        assertEquals(String.valueOf(AllTypes.ROWS.length), h.value("SELECT count(*) FROM copy.alltypes"));

        // the comparison is sharp: one changed value in one column shows up
        h.sql("UPDATE copy.alltypes SET c_float8 = '-0' WHERE id = 2");
        assertEquals(1, h.rows(AllTypes.asText("public.alltypes") + " EXCEPT " + AllTypes.asText("copy.alltypes")).size());
    }
}
