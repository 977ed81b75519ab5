package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.data.TableDiff;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PipelineWatch;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import io.rapidbyte.postgres.testkit.TestCertificates;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The full chain with TLS on both ends: a PostgreSQL with {@code ssl=on} whose {@code pg_hba.conf}
 * wants TLS from every connector (certificates made at test time), source-postgres with
 * {@code sslmode=verify-full} and SCRAM bound to the channel, dest-postgres with
 * {@code sslmode=verify-full} and a client certificate. The CA, the certificate and the private key
 * reach the connectors as {@code ${file:...}} references, like the passwords; no REST answer shows a
 * password or the key.
 */
class TlsChainIT {
    private static final String DB = "tlschain";

    @Test
    void bothConnectorsReachATlsOnlyServerWithVerifyFull() throws Exception {
        TestCertificates.Authority ca = TestCertificates.authority("Rapidbyte IT CA");
        TestCertificates.Issued client = ca.client(TestPostgres.CERT_USER);
        try (TestPostgres tls = TestPostgres.startTls(ca.server("pg-it", "127.0.0.1"), ca)) {
            PostgresServer pg = new PostgresServer("127.0.0.1", tls.port(), "postgres", null);
            pg.createDatabase(DB);
            pg.execute(DB, "CREATE TABLE public.t (id bigint PRIMARY KEY, v text, n numeric, at timestamptz);"
                    + "INSERT INTO public.t SELECT g, 'row ' || g, g / 3.0, timestamptz '2020-01-01' + g * interval '1 s'"
                    + " FROM generate_series(1, 3000) g;");
            Path tlsSecrets = writeTlsSecrets(ca, client);
            String ref = "${file:" + tlsSecrets.toAbsolutePath() + ":";

            PostgresPipeline pipeline = PostgresPipeline.fromConfig(SharedEnvironment.configDir(), pg,
                    SharedEnvironment.secrets()).named(DB).from(DB, "public.t").to(DB, "replica");
            pipeline.source()
                    .set("wasm.config.sslmode", "verify-full")
                    .set("wasm.config.sslrootcert", ref + "ca}")
                    .set("wasm.config.channel_binding", "require");
            pipeline.sink()
                    .set("wasm.config.user", TestPostgres.CERT_USER)
                    .set("wasm.config.password", null)
                    .set("wasm.config.sslmode", "verify-full")
                    .set("wasm.config.sslrootcert", ref + "ca}")
                    .set("wasm.config.sslcert", ref + "cert}")
                    .set("wasm.config.sslkey", ref + "key}");

            ConnectRest rest = SharedEnvironment.rest();
            pipeline.deploy(rest);
            PipelineWatch watch = new PipelineWatch(rest, pg, List.of(pipeline.source().name(), pipeline.sink().name()));
            watch.awaitRows(DB, "replica.t", 3000, Duration.ofMinutes(5), Duration.ofSeconds(10), null);
            TableDiff.Result diff = TableDiff.compare(pg, DB, "public.t", "replica.t");
            assertTrue(diff.equal(), diff.toString());
            assertEquals(3000, diff.rightRows());
            // Nothing else could have carried the rows: pg_hba.conf lets the connectors' roles in only
            // over TLS (and cert_user only with its certificate), and channel_binding=require made the
            // source's SCRAM bind to the TLS channel.

            String keyLine = client.keyPem().split("\n")[1];
            for (String name : List.of(pipeline.source().name(), pipeline.sink().name())) {
                for (String path : List.of("/connectors/" + name, "/connectors/" + name + "/config",
                        "/connectors/" + name + "/status", "/connectors/" + name + "/tasks")) {
                    String answer = rest.get(path).body().toString();
                    assertFalse(answer.contains(SharedEnvironment.secrets().sourcePassword()), path + ": " + answer);
                    assertFalse(answer.contains(keyLine), path + " shows the private key: " + answer);
                    assertFalse(answer.contains("BEGIN"), path + " shows PEM text: " + answer);
                }
            }
            pipeline.undeploy(rest);
        }
    }

    /** The CA, client certificate and key in a properties file for the worker's FileConfigProvider. */
    private static Path writeTlsSecrets(TestCertificates.Authority ca, TestCertificates.Issued client)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("ca", ca.certPem());
        p.setProperty("cert", client.certPem());
        p.setProperty("key", client.keyPem());
        Path file = Files.createTempFile(SharedEnvironment.secrets().file().getParent(), "tls", ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            p.store(w, "test-time TLS material");
        }
        return file;
    }
}
