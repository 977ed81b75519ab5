package io.rapidbyte.postgres.guest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.wire.ChannelBinding;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.TlsVerify;
import io.rapidbyte.sdk.json.Json;
import org.junit.jupiter.api.Test;

/** libpq's TLS settings: defaults, what each sslmode verifies, and the refusals with their field names. */
class TlsSettingsTest {
    private static final String CERT = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\\nS3CR3TKEYBODY\\n-----END PRIVATE KEY-----\\n";

    private static TlsSettings read(String members) {
        ConfigMembers problems = new ConfigMembers();
        ConnectionSettings s = ConnectionSettings.read(Json.parseObject("{\"host\":\"db\",\"user\":\"u\""
                + (members.isEmpty() ? "" : "," + members) + "}"), "app", problems);
        problems.throwIfAny("test-connector");
        return s.tls();
    }

    private static String problems(String members) {
        return assertThrows(ConnectorException.class, () -> read(members)).error().message();
    }

    @Test
    void defaultsArePreferWithoutVerificationAndChannelBindingPreferred() {
        TlsSettings t = read("");
        assertEquals(SslMode.PREFER, t.mode());
        assertEquals(TlsVerify.NONE, t.verify());
        assertEquals(ChannelBinding.PREFER, t.channelBinding());
        assertFalse(t.direct());
        assertNull(t.rootCert());
        assertNull(t.cert());
        assertNull(t.key());
    }

    @Test
    void whatEachModeVerifies() {
        assertEquals(TlsVerify.NONE, read("\"sslmode\":\"require\"").verify());
        assertEquals(TlsVerify.CA, read("\"sslmode\":\"verify-ca\"").verify());
        assertEquals(TlsVerify.FULL, read("\"sslmode\":\"verify-full\"").verify());
        // As libpq with a root certificate file: require checks the chain when one is given.
        assertEquals(TlsVerify.CA, read("\"sslmode\":\"require\",\"sslrootcert\":\"" + CERT + "\"").verify());
        assertTrue(SslMode.VERIFY_CA.requiresTls() && SslMode.REQUIRE.requiresTls());
        assertFalse(SslMode.PREFER.requiresTls() || SslMode.ALLOW.requiresTls() || SslMode.DISABLE.requiresTls());
    }

    @Test
    void pemTextIsKeptAndNeverShown() {
        TlsSettings t = read("\"sslmode\":\"verify-full\",\"sslrootcert\":\"" + CERT + "\",\"sslcert\":\"" + CERT
                + "\",\"sslkey\":\"" + KEY + "\",\"sslnegotiation\":\"direct\",\"channel_binding\":\"require\"");
        assertTrue(t.rootCert().startsWith("-----BEGIN CERTIFICATE-----\n"));
        assertTrue(t.key().contains("S3CR3TKEYBODY"));
        assertTrue(t.direct());
        assertEquals(ChannelBinding.REQUIRE, t.channelBinding());
        assertFalse(t.toString().contains("S3CR3TKEYBODY"), t.toString());
        assertFalse(t.toString().contains("MIIB"), t.toString());
    }

    @Test
    void badValuesNameTheirFieldAndNeverEchoTheKey() {
        String m = problems("\"sslmode\":\"on\",\"sslrootcert\":\"/etc/ssl/root.crt\",\"sslkey\":\"" + KEY
                + "\",\"sslnegotiation\":\"tls\",\"channel_binding\":\"yes\"");
        for (String part : new String[] {"\"sslmode\"", "\"sslrootcert\" must be PEM text", "\"sslnegotiation\"",
            "\"channel_binding\"", "\"sslcert\" and \"sslkey\" go together"}) {
            assertTrue(m.contains(part), part + " missing in: " + m);
        }
        assertFalse(m.contains("S3CR3TKEYBODY"), m);
        assertTrue(problems("\"sslnegotiation\":\"direct\"").contains("\"sslnegotiation\" direct needs \"sslmode\""));
        assertTrue(problems("\"sslmode\":\"disable\",\"channel_binding\":\"require\"")
                .contains("\"channel_binding\" require needs TLS"));
        assertTrue(problems("\"sslkey\":5").contains("\"sslkey\" must be a string"));
    }
}
