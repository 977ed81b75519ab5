package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.StreamLimits;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's acceptance test: the real source-postgres.wasm reads the all-types table, the real
 * dest-postgres.wasm loads it into another schema, both in the host's PipelineRunner; the copy has
 * the same column types and EXCEPT finds no row either way. Small batches make it several
 * frames, commits and checkpoints.
 */
class SourceToDestPipelineTest {

    static ConnectorModule sourceModule() throws Exception {
        try (InputStream in = SourceToDestPipelineTest.class.getResourceAsStream(
                "/rapidbyte/connectors/source-postgres.wasm")) {
            if (in == null) {
                throw new IllegalStateException("source-postgres.wasm is not on the test class path");
            }
            return ConnectorModule.load(in.readAllBytes()).requireRole(Role.SOURCE);
        }
    }

    @Test
    void allTypesTableThroughSourceAndDestinationIsIdentical() throws Exception {
        DestHarness h = new DestHarness("pipeline");
        h.sql(AllTypes.setupSql("public.alltypes")
                // more rows than one batch holds: every row again under other ids, several times
                + "INSERT INTO public.alltypes SELECT id + 10 * g, " + columnsAfterId() + " FROM public.alltypes, "
                + "generate_series(1, 40) g;");
        long rows = h.count("public.alltypes");
        TestPostgres pg = h.pg;
        List<String> acl = List.of(pg.host() + ":" + pg.port());
        SocketOptions sockets = new SocketOptions(Duration.ofSeconds(10), Duration.ofSeconds(120), Duration.ofMillis(20), 4);
        InstanceLimits limits = InstanceLimits.DEFAULT.withCallTimeout(Duration.ofMinutes(5));
        String sourceConfig = "{\"host\":\"" + pg.host() + "\",\"port\":" + pg.port() + ",\"database\":\"" + h.database
                + "\",\"user\":\"" + TestPostgres.SCRAM_USER + "\",\"password\":\"" + TestPostgres.PASSWORD
                + "\",\"streams\":[{\"name\":\"public.alltypes\"}]}";
        String destConfig = h.config("schema", "copy", "user", TestPostgres.SCRAM_USER, "password", TestPostgres.PASSWORD);
        List<String> checkpoints = new CopyOnWriteArrayList<>();
        PipelineRunner runner = PipelineRunner.builder("pg-to-pg")
                .source(new StageSpec("source-postgres", sourceModule(), sourceConfig, limits, NetworkAcl.of(acl), sockets))
                .destination(new StageSpec("dest-postgres", DestHarness.module(), destConfig, limits, NetworkAcl.of(acl),
                        sockets))
                // 50-row batches, a commit every 100 rows
                .streamLimits(new StreamLimits(1_000_000, 50, 4, 0, 100, 0))
                .listener(new io.rapidbyte.host.imports.HostListener() {
                    @Override
                    public void onCheckpoint(String connector, io.rapidbyte.host.types.CheckpointKind kind, String stream,
                            String payload) {
                        if (kind == io.rapidbyte.host.types.CheckpointKind.DEST) {
                            checkpoints.add(payload);
                        }
                    }
                })
                .build();
        PipelineResult result = runner.run("public.alltypes");

        assertEquals(rows, result.read().recordsRead());
        assertEquals(rows, result.write().recordsWritten());
        assertTrue(result.write().batchesWritten() > 1, "several batches: " + result.write());
        assertTrue(checkpoints.size() > 1, checkpoints.toString());
        assertEquals(h.rows(AllTypes.typesQuery("public.alltypes")), h.rows(AllTypes.typesQuery("copy.alltypes")),
                "column types differ");
        assertEquals(List.of(), h.rows(AllTypes.asText("public.alltypes") + " EXCEPT " + AllTypes.asText("copy.alltypes")));
        assertEquals(List.of(), h.rows(AllTypes.asText("copy.alltypes") + " EXCEPT " + AllTypes.asText("public.alltypes")));
        assertEquals(rows, h.count("copy.alltypes"));
    }

    private static String columnsAfterId() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < AllTypes.COLUMNS.length; i++) {
            sb.append(i == 1 ? "" : ", ").append(AllTypes.COLUMNS[i][0]);
        }
        return sb.toString();
    }
}
