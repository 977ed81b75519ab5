package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Postgres → Kafka → the {@code WasmTransform} SMT with the bundled example-mask on the sink →
 * Postgres: the target holds every row with {@code email} hashed, {@code ssn} redacted and
 * {@code notes} dropped; the expected values are computed independently by PostgreSQL's own
 * {@code sha256()} over the source rows.
 */
class MaskTransformIT {
    private static final String DB = "masksmt";
    private static final long ROWS = 5000;
    private static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void theSinkSmtMasksEveryRowAsPostgresComputesIt() throws Exception {
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, "public.users");
        pipeline.sink().set("transforms", "mask");
        pipeline.sink().set("transforms.mask.type", "io.rapidbyte.connect.transforms.WasmTransform");
        pipeline.sink().set("transforms.mask.module.connector", "example-mask");
        pipeline.sink().set("transforms.mask.config.hash", "[\"email\"]");
        pipeline.sink().set("transforms.mask.config.redact", "[\"ssn\"]");
        pipeline.sink().set("transforms.mask.config.replacement", "XXX-XX-XXXX");
        pipeline.sink().set("transforms.mask.config.drop", "[\"notes\"]");
        PostgresServer pg = SharedEnvironment.postgres();
        pg.execute(DB, """
                CREATE TABLE public.users (id bigint PRIMARY KEY, email varchar(40), ssn char(11),
                                           notes text, score int NOT NULL);
                INSERT INTO public.users
                  SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 'user' || g || '@example.com' END,
                         CASE WHEN g % 5 = 0 THEN NULL ELSE lpad((g % 1000)::text, 3, '0') || '-12-3456' END,
                         'secret note ' || g || ' é', g * 3
                  FROM generate_series(1, """ + ROWS + ") AS g;");
        pipeline.deploy(SharedEnvironment.rest());
        PipelineWatch watch = new PipelineWatch(SharedEnvironment.rest(), pg,
                List.of(pipeline.source().name(), pipeline.sink().name()));
        watch.awaitRows(DB, "replica.users", ROWS, WAIT, Duration.ofSeconds(15), null);
        watch.failIfFailed();

        assertEquals(ROWS, pg.queryLong(DB, """
                SELECT count(*) FROM public.users u JOIN replica.users r USING (id)
                WHERE r.email IS NOT DISTINCT FROM encode(sha256(convert_to(u.email, 'UTF8')), 'hex')
                  AND r.ssn IS NOT DISTINCT FROM CASE WHEN u.ssn IS NULL THEN NULL ELSE 'XXX-XX-XXXX' END
                  AND r.score = u.score
                """), "every row masked as PostgreSQL computes it");
        assertEquals(pg.queryLong(DB, "SELECT count(email) FROM public.users"),
                pg.queryLong(DB, "SELECT count(*) FROM replica.users WHERE email ~ '^[0-9a-f]{64}$'"),
                "every non-null email became 64 hex digits");
        assertEquals(0, pg.queryLong(DB, """
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = 'replica' AND table_name = 'users' AND column_name = 'notes'
                """), "the dropped column never reached the target");
        assertEquals(ROWS, pg.queryLong(DB, "SELECT count(DISTINCT id) FROM replica.users"), "each row once");
        pipeline.undeploy(SharedEnvironment.rest());
    }
}
