package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.channels.StageChannel;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ValidationResult;
import io.rapidbyte.host.types.ValidationStatus;
import io.rapidbyte.postgres.testkit.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/** validate, authentication, the network allow-list and the manifest. */
class ConnectionTest {
    private final DestHarness h = new DestHarness("conn");

    ValidationResult validate(String config) {
        StageChannel none = new StageChannel(1);
        none.finish();
        try (ConnectorInstance dest = h.instance(none, new DestHarness.Run())) {
            dest.open(config);
            return dest.validate();
        }
    }

    @Test
    void validateReportsWhatItFound() {
        ValidationResult ok = validate(h.config("user", TestPostgres.SCRAM_USER, "password", TestPostgres.PASSWORD));
        assertEquals(ValidationStatus.SUCCESS, ok.status(), ok.message());
        assertTrue(ok.message().contains("PostgreSQL 17"), ok.message());

        h.sql("CREATE ROLE weak LOGIN PASSWORD 'weakpw'; CREATE SCHEMA locked; REVOKE CREATE ON DATABASE "
                + h.database + " FROM PUBLIC");
        ValidationResult locked = validate(h.config("user", "weak", "password", "weakpw", "schema", "locked"));
        assertEquals(ValidationStatus.FAILED, locked.status(), locked.message());
        assertTrue(locked.message().contains("lacks CREATE and USAGE on schema \"locked\""), locked.message());
        ValidationResult missing = validate(h.config("user", "weak", "password", "weakpw", "schema", "nowhere"));
        assertEquals(ValidationStatus.FAILED, missing.status(), missing.message());
        assertTrue(missing.message().contains("schema \"nowhere\" does not exist and user weak may not create it"),
                missing.message());
        ValidationResult creatable = validate(h.config("schema", "fresh"));
        assertEquals(ValidationStatus.SUCCESS, creatable.status(), creatable.message());
        assertTrue(creatable.message().contains("will be created"), creatable.message());
    }

    @Test
    void scramLoginWorksAndAWrongPasswordIsAnAuthErrorWithoutThePassword() {
        DestHarness.Run ok = h.run(h.config("user", TestPostgres.SCRAM_USER, "password", TestPostgres.PASSWORD),
                "public.people", List.of(AppendModeTest.people("r1", 1, 1, 3)));
        assertEquals(3, ok.ok().recordsWritten());

        String secret = "Wr0ng-S3cret-" + System.nanoTime();
        DestHarness.Run bad = h.run(h.config("user", TestPostgres.SCRAM_USER, "password", secret),
                "public.people", List.of(AppendModeTest.people("r1", 2, 4, 3)));
        ConnectorError e = bad.failed().error();
        assertEquals(ErrorCategory.AUTH, e.category());
        assertEquals("28P01", e.code());
        assertFalse(e.toString().contains(secret));
        assertFalse(String.join("\n", bad.logs).contains(secret));
        ValidationResult v = validate(h.config("user", TestPostgres.SCRAM_USER, "password", secret));
        assertEquals(ValidationStatus.FAILED, v.status());
        assertFalse(v.message().contains(secret), v.message());
        assertTrue(v.message().startsWith("password: cannot connect (auth): "), v.message());
        assertEquals(1, v.message().split("28P01", -1).length - 1, "the SQLSTATE once: " + v.message());
    }

    @Test
    void aHostOutsideTheAllowListIsDenied() {
        // the instance may reach pg.host():pg.port() only
        DestHarness.Run run = h.run(h.config("port", h.pg.port() + 1), "public.people",
                List.of(AppendModeTest.people("r1", 1, 1, 3)));
        ConnectorError e = run.failed().error();
        assertEquals(ErrorCategory.PERMISSION, e.category(), e.toString());
        assertEquals("NETWORK_DENIED", e.code());
    }

    @Test
    void theManifestDeclaresTheSecretAndTheNetworkTemplate() {
        String manifest = DestHarness.module().manifest().orElseThrow().json();
        assertEquals("dest-postgres", DestHarness.module().manifest().orElseThrow().name().orElseThrow());
        assertTrue(manifest.replace(" ", "").contains("\"password\":{\"type\":\"string\",\"writeOnly\":true,\"x-secret\":true"),
                manifest);
        assertTrue(manifest.contains("\"network\": [\"${host}:${port}\"]"), manifest);
    }
}
