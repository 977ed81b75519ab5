package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.Manifest;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.pipeline.PipelineException;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ValidationStatus;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the host sees of each example without running data: manifest, catalog, validation, config errors. */
class ExampleContractsTest {

    @ParameterizedTest
    @CsvSource({"example-generator, source", "example-filter, transform", "example-mask, transform",
        "example-verify, destination"})
    void manifestIsEmbeddedAndReadableWithoutInstantiating(String name, String role) {
        ConnectorModule module = ConnectorModule.load(ExampleModules.bytes(name));
        Manifest manifest = module.manifest().orElseThrow();
        assertEquals(name, manifest.name().orElseThrow());
        assertEquals(role, manifest.role().orElseThrow());
        assertEquals("0.1.0", manifest.version().orElseThrow());
        JsonNode json = Jsons.read(manifest.json());
        assertEquals("object", json.at("/config_schema/type").asText());
        assertEquals(false, json.at("/config_schema/additionalProperties").asBoolean(true));
        assertTrue(json.at("/permissions/network").isArray() && json.at("/permissions/network").isEmpty(),
                "no network by default");
        module.requireRole(Role.valueOf(role.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void generatorDiscoversItsStreamsAndValidates() {
        try (ConnectorInstance gen = ConnectorInstance.builder(ExampleModules.generator(), Role.SOURCE).build()) {
            gen.open("{\"rows\": 10, \"streams\": [\"demo.a\", \"demo.b\"]}");
            JsonNode catalog = Jsons.read(gen.discover());
            assertEquals(2, catalog.get("streams").size());
            JsonNode a = catalog.get("streams").get(0);
            assertEquals("demo.a", a.get("name").asText());
            assertEquals("id", a.get("primary_key").get(0).asText());
            assertEquals(19, a.get("columns").size());
            assertEquals("list<int32>", a.get("columns").get(17).get("type").asText());
            assertEquals(ValidationStatus.SUCCESS, gen.validate().status());
        }
    }

    @Test
    void badConfigsAreConfigErrorsNamingTheMember() {
        assertConfigError(ExampleModules::generator, Role.SOURCE, "{\"rows\": 10, \"row\": 5}", "\"row\"");
        assertConfigError(ExampleModules::generator, Role.SOURCE, "{\"rows\": -1}", "rows");
        assertConfigError(ExampleModules::generator, Role.SOURCE, "{}", "rows");
        assertConfigError(ExampleModules::filter, Role.TRANSFORM, "{\"filter\": {\"column\": \"a\", \"op\": \"like\","
                + " \"value\": 1}}", "filter.op");
        assertConfigError(ExampleModules::filter, Role.TRANSFORM, "{\"filter\": {\"column\": \"a\", \"op\": \"is_null\","
                + " \"value\": 1}}", "takes no value");
        assertConfigError(ExampleModules::verify, Role.DESTINATION, "{\"expect_checksum\": \"XYZ\"}", "expect_checksum");
    }

    private static void assertConfigError(Supplier<ConnectorModule> module, Role role, String config, String mention) {
        try (ConnectorInstance instance = ConnectorInstance.builder(module.get(), role).build()) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> instance.open(config));
            assertEquals(ErrorCategory.CONFIG, e.error().category(), e.getMessage());
            assertEquals("INVALID_CONFIG", e.error().code());
            assertTrue(e.error().message().contains(mention), e.error().message());
            assertTrue(instance.isUsable(), "a returned error leaves the instance usable");
        }
    }

    @Test
    void filterNamesTheProblemWhenTheSchemaDoesNotFitItsConfig() {
        assertFilterFails("{\"columns\": [\"id\", \"nope\"]}", "UNKNOWN_COLUMN");
        assertFilterFails("{\"filter\": {\"column\": \"i32\", \"op\": \"gt\", \"value\": \"ten\"}}", "INVALID_FILTER");
        assertFilterFails("{\"filter\": {\"column\": \"payload\", \"op\": \"eq\", \"value\": \"x\"}}", "INVALID_FILTER");
        assertFilterFails("{\"filter\": {\"column\": \"amount\", \"op\": \"eq\", \"value\": 0.0000000001}}",
                "INVALID_FILTER");
    }

    private static void assertFilterFails(String filterConfig, String code) {
        PipelineException e = assertThrows(PipelineException.class, () -> PipelineRunner.builder("contracts")
                .listener(new StageRecordingListener())
                .source(StageSpec.of("gen", ExampleModules.generator(), "{\"rows\": 100}"))
                .transform(StageSpec.of("filter", ExampleModules.filter(), filterConfig))
                .destination(StageSpec.of("verify", ExampleModules.verify(), "{}"))
                .build().run(GeneratorRun.STREAM));
        assertEquals("filter", e.stage());
        ConnectorException cause = (ConnectorException) e.getCause();
        assertEquals(code, cause.error().code(), cause.getMessage());
        assertEquals(ErrorCategory.CONFIG, cause.error().category());
    }
}
