package io.rapidbyte.postgres.guest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {
    private static ConnectionSettings read(String json) {
        ConfigMembers members = new ConfigMembers();
        ConnectionSettings s = ConnectionSettings.read(Json.parseObject(json), "app-default", members);
        members.throwIfAny("test-connector");
        return s;
    }

    @Test
    void defaultsFollowLibpq() {
        ConnectionSettings s = read("{\"host\":\"db\",\"user\":\"u\"}");
        assertEquals(5432, s.port());
        assertEquals("u", s.database());
        assertNull(s.password());
        assertEquals(10_000, s.connectTimeoutMs());
        assertEquals(0, s.statementTimeoutMs());
        assertEquals("app-default", s.applicationName());
        assertEquals("db:5432", s.address());
        assertEquals("[::1]:5432", read("{\"host\":\"::1\",\"user\":\"u\"}").address());
    }

    @Test
    void zeroConnectTimeoutMeansNone() {
        assertEquals(0, read("{\"host\":\"db\",\"user\":\"u\",\"connect_timeout_ms\":0}").connectTimeoutMs());
    }

    @Test
    void everyProblemIsListedOnceWithoutEchoingSecrets() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(
                "{\"user\":\"\",\"port\":70000,\"password\":5,\"connect_timeout_ms\":-1,\"statement_timeout_ms\":\"x\"}"));
        String m = e.error().message();
        assertEquals("INVALID_CONFIG", e.error().code());
        assertTrue(m.startsWith("invalid test-connector config: "), m);
        for (String part : new String[] {"\"host\" is required", "\"user\" must be a non-empty string",
            "\"port\" must be between 1 and 65535, got 70000", "\"password\" must be a string",
            "\"connect_timeout_ms\" must be between 0 and 2147483647, got -1",
            "\"statement_timeout_ms\" must be an integer"}) {
            assertTrue(m.contains(part), part + " missing in: " + m);
        }
        ConnectionSettings s = read("{\"host\":\"db\",\"user\":\"u\",\"password\":\"hunter2\"}");
        assertFalse(s.toString().contains("hunter2"), s.toString());
    }

    /**
     * Both connectors declare the shared members with the same schema (only application_name's
     * default differs), so the manifests, the README tables and this parser cannot drift apart.
     */
    @Test
    void bothManifestsDeclareTheSharedMembersAlike() throws IOException {
        JsonObject source = properties("source-postgres");
        JsonObject dest = properties("dest-postgres");
        for (String member : ConnectionSettings.MEMBERS) {
            assertTrue(source.containsKey(member), "source-postgres lacks " + member);
            assertTrue(dest.containsKey(member), "dest-postgres lacks " + member);
            JsonObject a = (JsonObject) source.get(member);
            JsonObject b = (JsonObject) dest.get(member);
            if (member.equals("application_name")) {
                a.remove("default");
                b.remove("default");
            }
            assertEquals(a.toJson(), b.toJson(), member);
        }
    }

    private static JsonObject properties(String connector) throws IOException {
        Path manifest = Path.of("..", connector, "src", "main", "wasm", "manifest.json");
        JsonObject m = Json.parseObject(new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8));
        return m.getObject("config_schema").getObject("properties");
    }
}
