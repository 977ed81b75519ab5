package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full chain for a table with every type source-postgres maps (and the ones it carries as
 * text, including values no native Arrow type holds exactly: NaN in numeric(p,s), arrays of
 * several dimensions or other bounds, interval time parts beyond nanoseconds): source-postgres →
 * Kafka → dest-postgres, deployed through REST from {@code config/}. The
 * target must equal the source row for row ({@code EXCEPT ALL} both ways on the values' text)
 * and column for column (the same declared types, created by dest-postgres from the batches'
 * {@code rapidbyte.pg_type} metadata).
 */
class AllTypesChainIT {
    private static final String DB = "alltypes";

    @Test
    void everyTypeArrivesUnchanged() throws Exception {
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, "public.all_types");
        // Values no native Arrow type holds exactly travel as text: the source is told which columns.
        pipeline.source().set("wasm.config.streams", "[{\"name\": \"public.all_types\", \"text_columns\": "
                + "[\"c_numeric_nan\", \"c_int4_bounds\", \"c_interval_huge\"]}]");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, """
                CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
                CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
                CREATE TABLE public.all_types (
                  id bigint PRIMARY KEY,
                  c_int2 smallint, c_int4 integer, c_int8 bigint, c_oid oid,
                  c_float4 real, c_float8 double precision,
                  c_numeric numeric(20,5), c_numeric_free numeric,
                  c_bool boolean,
                  c_text text, c_varchar varchar(20), c_char char(5), c_name name,
                  c_json json, c_jsonb jsonb, c_bytea bytea,
                  c_date date, c_time time, c_timestamp timestamp, c_timestamptz timestamptz,
                  c_interval interval, c_uuid uuid,
                  c_inet inet, c_cidr cidr, c_macaddr macaddr, c_macaddr8 macaddr8,
                  c_int4_array integer[], c_text_array text[], c_float8_array double precision[],
                  c_mood mood, c_domain positive_int,
                  c_money money, c_timetz timetz, c_range int4range,
                  c_int4_grid integer[][], c_numeric_nan numeric(12,2), c_int4_bounds integer[],
                  c_interval_huge interval
                );
                INSERT INTO public.all_types VALUES
                  (1, 32767, 2147483647, 9223372036854775807, '4294967295',
                   3.25, 2.718281828459045,
                   123456789012345.12345, 3.14159265358979323846264338327950288419716939937510,
                   true,
                   'plain text ✓ ünïcødé', 'varchar', 'ab', 'a_name',
                   '{"a": [1, 2, {"b": null}]}', '{"k": "v", "n": 1.5}', '\\x00ff10deadbeef',
                   '2024-02-29', '23:59:59.999999', '2024-02-29 12:34:56.789012', '2024-02-29 12:34:56.789012+02',
                   '1 year 2 months 3 days 04:05:06.789', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                   '192.168.1.10/24', '10.0.0.0/8', '08:00:2b:01:02:03', '08:00:2b:01:02:03:04:05',
                   '{1,NULL,3}', '{"a","b c",NULL}', '{1.5,-0,NaN}',
                   'happy', 42,
                   '1234.56', '12:00:00+05:30', '[1,10)'),
                  (2, -32768, -2147483648, -9223372036854775808, 0,
                   'NaN', '-Infinity',
                   -99999999999999.99999, 'NaN',
                   false,
                   '', '', '', '',
                   '[]', '[]', '\\x',
                   'infinity', '00:00:00', '-infinity', 'infinity',
                   '-178000000 years', '00000000-0000-0000-0000-000000000000',
                   '::1', '2001:db8::/32', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00:00:00',
                   '{}', '{}', '{}',
                   'sad', 1,
                   '-0.01', '00:00:00-12', 'empty'),
                  (3, 0, 0, 0, 1,
                   '-0', 'Infinity',
                   0, '1e-30',
                   NULL,
                   'line1\nline2\ttab "quoted" \\ backslash', 'x', 'abcde', 'n',
                   'null', '"s"', '\\x5c',
                   '-infinity', '24:00:00', 'infinity', '-infinity',
                   '-1 days +00:00:00.000001', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
                   '0.0.0.0', '0.0.0.0/32', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff:ff:ff',
                   '{7}', '{"\\"q\\""}', '{Infinity}',
                   'ok', 2147483647,
                   '0', '23:59:59+14', '(,)');
                INSERT INTO public.all_types (id) VALUES (4);
                UPDATE public.all_types SET c_int4_grid = '{{1,2},{3,NULL}}', c_numeric_nan = 'NaN',
                  c_int4_bounds = '[0:2]={7,8,9}', c_interval_huge = '3000000 hours 5 minutes' WHERE id = 1;
                UPDATE public.all_types SET c_int4_grid = '[0:1][1:2]={{1,2},{3,4}}', c_numeric_nan = -0.01,
                  c_int4_bounds = '{1}', c_interval_huge = '-178000000 years -2562047 hours' WHERE id = 2;
                UPDATE public.all_types SET c_int4_grid = '{{{1}},{{2}}}', c_int4_bounds = '{}' WHERE id = 3;
                INSERT INTO public.all_types (id, c_text, c_int8, c_numeric, c_timestamptz)
                  SELECT g, 'row ' || g, g::bigint * 1000003, g / 7.0, timestamptz '2000-01-01' + g * interval '1 minute'
                  FROM generate_series(5, 5000) AS g;
                """);
        long rows = pg.queryLong(DB, "SELECT count(*) FROM public.all_types");

        pipeline.deploy(SharedEnvironment.rest());
        PipelineWatch watch = new PipelineWatch(SharedEnvironment.rest(), pg,
                List.of(pipeline.source().name(), pipeline.sink().name()));
        watch.awaitRows(DB, "replica.all_types", rows, Duration.ofMinutes(5), Duration.ofSeconds(10), null);

        TableDiff.Result diff = TableDiff.compare(pg, DB, "public.all_types", "replica.all_types");
        assertEquals(List.of(), diff.typeDiffs(), "every column keeps its declared type");
        assertEquals(0, diff.onlyInLeft(), diff.toString());
        assertEquals(0, diff.onlyInRight(), diff.toString());
        assertEquals(rows, diff.rightRows(), diff.toString());
        assertTrue(diff.equal(), diff.toString());
        assertEquals(1, pg.queryLong(DB, "SELECT count(*) FROM replica.all_types WHERE c_float8_array[2]::text = '-0'"
                + " AND c_float4::text = '3.25'"), "negative zero survives (EXCEPT on text would miss nothing else)");
        assertEquals(1, pg.queryLong(DB, "SELECT count(*) FROM replica.all_types WHERE c_numeric_nan = 'NaN'"
                + " AND array_dims(c_int4_grid) = '[1:2][1:2]' AND array_dims(c_int4_bounds) = '[0:2]'"
                + " AND c_interval_huge = interval '3000000 hours 5 minutes'"),
                "NaN in numeric(p,s), array shapes and bounds, and a huge interval time part travel exactly");
        pipeline.undeploy(SharedEnvironment.rest());
    }
}
