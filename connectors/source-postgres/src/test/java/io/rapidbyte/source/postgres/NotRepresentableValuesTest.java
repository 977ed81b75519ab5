package io.rapidbyte.source.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.sdk.ErrorCategory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values the native Arrow mapping of their column cannot hold exactly, through the compiled guest
 * against PostgreSQL: the read fails naming the column and the way out, never turning the value
 * into something else; with the column in {@code text_columns} the same value travels as
 * PostgreSQL's own text.
 */
class NotRepresentableValuesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "numeric(12,2)    | 'NaN'                       | NaN",
        "numeric(5,2)[]   | '{1.5,NaN}'                 | {1.50,NaN}",
        "integer[]        | '{{1,2},{3,4}}'             | {{1,2},{3,4}}",
        "integer[]        | '[0:2]={7,8,9}'             | [0:2]={7,8,9}",
        "interval         | '3000000 hours 5 minutes'   | 3000000:05:00",
    })
    void failsNamingTheColumnUnlessReadAsText(String type, String literal, String text) {
        String db = Pg.newDatabase("src_refused");
        Pg.sql(db, "CREATE TABLE t (id int PRIMARY KEY, v " + type + "); INSERT INTO t VALUES (1, NULL), (2, "
                + literal + ")");
        SourceRun.Result refused = SourceRun.of(Pg.config(db, TestPostgres.SCRAM_USER,
                "\"streams\":[{\"name\":\"public.t\"}]"), Pg.port()).read("public.t", null, null);
        assertNotNull(refused.error, () -> type + " " + literal + " was read: " + refused.allText());
        assertEquals(ErrorCategory.DATA.name(), refused.error.error().category().name());
        assertEquals("DECODE_FAILED", refused.error.error().code());
        String message = refused.error.error().message();
        assertTrue(message.contains("column \"v\"") && message.contains("text_columns"), message);

        SourceRun.Result read = SourceRun.of(Pg.config(db, TestPostgres.SCRAM_USER,
                "\"streams\":[{\"name\":\"public.t\",\"text_columns\":[\"v\"]}]"), Pg.port()).read("public.t", null, null);
        assertNull(read.error, read::allText);
        List<Map<String, Object>> rows = ArrowFrames.rows(read.frames);
        assertEquals(2, rows.size());
        assertEquals(text, rows.get(1).get("v"));
        assertEquals(type.trim(), ArrowFrames.read(read.frames.get(0)).schema()
                .findField("v").getMetadata().get("rapidbyte.pg_type"), "the Postgres type is kept");
    }
}
