package io.rapidbyte.source.postgres.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.source.postgres.config.SyncMode;
import io.rapidbyte.source.postgres.query.KeySpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResumeDecisionTest {
    private static final KeySpec PK = new KeySpec(List.of("id"), List.of("bigint"), KeySpec.Uniqueness.UNIQUE);
    private static final KeySpec CURSOR = new KeySpec(List.of("ts", "id"), List.of("timestamp", "bigint"),
            KeySpec.Uniqueness.UNIQUE);

    private static String checkpoint(SyncMode mode, KeySpec key, long nextSeq, List<String> position, boolean done) {
        SyncState s = new SyncState("public.t", mode, "run-1", 1, key.columns(), null, false);
        for (long seq = 1; seq < nextSeq; seq++) {
            s.advance(seq == nextSeq - 1 ? position : List.of("0"), seq == nextSeq - 1 && done);
        }
        return s.toJson();
    }

    @Test
    void checkpointJsonHasTheDocumentedShape() {
        String json = checkpoint(SyncMode.INCREMENTAL, CURSOR, 4, List.of("2024-01-01 00:00:00", "9"), false);
        assertEquals("{\"version\":1,\"stream\":\"public.t\",\"sync_mode\":\"incremental\",\"sync_run\":\"run-1\","
                + "\"next_seq\":4,\"key\":[\"ts\",\"id\"],\"position\":[\"2024-01-01 00:00:00\",\"9\"],"
                + "\"complete\":false}", json);
    }

    @Test
    void noResumeStartsANewRun() {
        ResumeDecision d = ResumeDecision.decide(null, "public.t", SyncMode.FULL_REFRESH, PK, "run-2");
        assertEquals("run-2", d.state().syncRun());
        assertEquals(1, d.state().nextSeq());
        assertNull(d.state().position());
        assertNull(d.warning());
    }

    @Test
    void anInterruptedRunContinuesWithItsRunAndNumbers() {
        String saved = checkpoint(SyncMode.FULL_REFRESH, PK, 6, List.of("1500"), false);
        ResumeDecision d = ResumeDecision.decide(Json.parse(saved), "public.t", SyncMode.FULL_REFRESH, PK, "run-2");
        assertEquals("run-1", d.state().syncRun());
        assertEquals(6, d.state().nextSeq());
        assertEquals(List.of("1500"), d.state().position());
        assertFalse(d.state().complete());
    }

    @Test
    void aCompletedFullRefreshStartsOverButAnIncrementalContinues() {
        String full = checkpoint(SyncMode.FULL_REFRESH, PK, 9, List.of("5000"), true);
        ResumeDecision d = ResumeDecision.decide(Json.parse(full), "public.t", SyncMode.FULL_REFRESH, PK, "run-2");
        assertEquals("run-2", d.state().syncRun());
        assertEquals(1, d.state().nextSeq());
        assertNull(d.state().position());

        String inc = checkpoint(SyncMode.INCREMENTAL, CURSOR, 9, List.of("2024-01-01", "5"), true);
        ResumeDecision next = ResumeDecision.decide(Json.parse(inc), "public.t", SyncMode.INCREMENTAL, CURSOR, "run-2");
        assertEquals("run-1", next.state().syncRun());
        assertEquals(9, next.state().nextSeq());
        assertEquals(List.of("2024-01-01", "5"), next.state().position());
    }

    @Test
    void aChangedConfigStartsOverWithAWarning() {
        String inc = checkpoint(SyncMode.INCREMENTAL, CURSOR, 3, List.of("x", "1"), false);
        ResumeDecision mode = ResumeDecision.decide(Json.parse(inc), "public.t", SyncMode.FULL_REFRESH, PK, "run-2");
        assertEquals("run-2", mode.state().syncRun());
        assertTrue(mode.warning().contains("sync_mode incremental"), mode.warning());
        KeySpec other = new KeySpec(List.of("ts"), List.of("timestamp"), KeySpec.Uniqueness.GROUPED);
        ResumeDecision key = ResumeDecision.decide(Json.parse(inc), "public.t", SyncMode.INCREMENTAL, other, "run-2");
        assertEquals(1, key.state().nextSeq());
        assertTrue(key.warning().contains("key [ts, id]"), key.warning());
    }

    @Test
    void aKeylessFullRefreshCannotResumeMidway() {
        SyncState s = SyncState.start("public.t", SyncMode.FULL_REFRESH, "run-1", List.of());
        s.advance(null, false);
        ResumeDecision d = ResumeDecision.decide(Json.parse(s.toJson()), "public.t", SyncMode.FULL_REFRESH,
                KeySpec.none(), "run-2");
        assertEquals("run-2", d.state().syncRun());
        assertTrue(d.warning().contains("no key"), d.warning());
    }

    @Test
    void foreignPayloadsAreRejected() {
        for (String bad : List.of("42", "{\"version\":2}", "{\"version\":1,\"stream\":\"public.other\"}",
                "{\"version\":1,\"stream\":\"public.t\",\"sync_mode\":\"full_refresh\",\"sync_run\":\"r\","
                        + "\"next_seq\":0,\"key\":[\"id\"],\"position\":null,\"complete\":false}",
                "{\"version\":1,\"stream\":\"public.t\",\"sync_mode\":\"full_refresh\",\"sync_run\":\"r\","
                        + "\"next_seq\":2,\"key\":[\"id\"],\"position\":[\"1\",\"2\"],\"complete\":false}")) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> ResumeDecision.decide(Json.parse(bad), "public.t", SyncMode.FULL_REFRESH, PK, "run-2"), bad);
            assertEquals("RESUME_INVALID", e.error().code());
        }
    }

    @Test
    void syncRunIdsCarryTimeAndEntropy() {
        String id = SyncRunIds.next(out -> java.util.Arrays.fill(out, (byte) 0xab), 0x1a2b3cL);
        assertEquals("1a2b3c-abababababababab", id);
    }
}
