package io.rapidbyte.examples.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigAndResumeTest {
    @Test
    void defaultsApplyToOmittedMembers() {
        GeneratorConfig c = GeneratorConfig.parse(Json.parseObject("{\"rows\": 12}"));
        assertEquals(12, c.rows());
        assertEquals(GeneratorConfig.DEFAULT_BATCH_ROWS, c.batchRows());
        assertEquals(List.of(GeneratorConfig.DEFAULT_STREAM), c.streams());
        assertEquals(GeneratorConfig.DEFAULT_SEED, c.seed());
        assertEquals(GeneratorConfig.DEFAULT_NULL_EVERY, c.nullEvery());
        assertEquals(0, c.trapAfterBatches());
        assertEquals(0, c.leakFrames());
    }

    @Test
    void everyBadMemberIsAConfigError() {
        for (String bad : List.of("{}", "{\"rows\": -1}", "{\"rows\": 1, \"batch_rows\": 0}",
                "{\"rows\": 1, \"batch_rows\": 1000001}", "{\"rows\": 1, \"streams\": []}",
                "{\"rows\": 1, \"streams\": [\"a\", \"a\"]}", "{\"rows\": 1, \"null_every\": -2}",
                "{\"rows\": 1, \"leak_frames\": 1001}", "{\"rows\": 1.5}", "{\"rows\": 1, \"extra\": true}")) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> GeneratorConfig.parse(Json.parseObject(bad)), bad);
            assertEquals(ErrorCategory.CONFIG, e.error().category(), bad);
            assertEquals("INVALID_CONFIG", e.error().code());
        }
    }

    @Test
    void checkpointPayloadRoundTripsThroughResume() {
        ResumePosition p = ResumePosition.start("run-a").after(700).after(700);
        assertEquals(1400, p.nextRow());
        assertEquals(3, p.nextSeq());
        ResumePosition back = ResumePosition.fromResume(Json.parse(p.toJson()), 2500, "unused");
        assertEquals(1400, back.nextRow());
        assertEquals(3, back.nextSeq());
        assertEquals("run-a", back.syncRun(), "a resumed full refresh keeps its run id");
        ResumePosition fresh = ResumePosition.fromResume(null, 2500, "run-b");
        assertEquals(0, fresh.nextRow());
        assertEquals(1, fresh.nextSeq());
        assertEquals("run-b", fresh.syncRun());
    }

    @Test
    void resumeThatDoesNotFitTheStreamIsRejected() {
        for (String bad : List.of("{\"next_row\": 3000, \"seq\": 2, \"sync_run\": \"r\"}",
                "{\"next_row\": 1, \"seq\": 0, \"sync_run\": \"r\"}", "{\"next_row\": 1, \"seq\": 2}", "[1]",
                "{\"next_row\": -1, \"seq\": 2, \"sync_run\": \"r\"}")) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> ResumePosition.fromResume(Json.parse(bad), 2500, "x"), bad);
            assertEquals("INVALID_RESUME", e.error().code());
            assertTrue(e.getMessage().contains("generator"));
        }
    }
}
