package io.rapidbyte.dest.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Replace mode: load into a stage, swap at the end; resume a stage after a failed run. */
class ReplaceModeTest {
    private final DestHarness h = new DestHarness("replace");

    @Test
    void replacesTheTableAtomicallyKeepingItsStructure() {
        h.sql("CREATE TABLE public.people (id bigint PRIMARY KEY, name text, flag boolean);"
                + "CREATE INDEX people_name_idx ON public.people (name);"
                + "INSERT INTO public.people VALUES (1000, 'old', true), (1001, 'old', false)");
        List<byte[]> frames = List.of(AppendModeTest.people("full-1", 1, 1, 30), AppendModeTest.people("full-1", 2, 31, 30));
        DestHarness.Run run = h.run(h.config("write_mode", "replace"), "public.people", frames);
        assertEquals(60, run.ok().recordsWritten());
        assertEquals(List.of(List.of("60", "1", "60")), h.rows("SELECT count(*), min(id), max(id) FROM public.people"));
        assertNull(h.value("SELECT to_regclass('public.people__rapidbyte_stage')::text"));
        // the stage was created LIKE the target: its key and index are back under the target's names
        assertEquals(List.of(List.of("people_name_idx"), List.of("people_pkey")), h.rows(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'public.people'::regclass ORDER BY 1"));
        assertTrue(run.checkpoints.get(run.checkpoints.size() - 1).contains("\"replaced\":true"), run.checkpoints.toString());

        // and again: a second full refresh replaces the first one
        DestHarness.Run again = h.run(h.config("write_mode", "replace"), "public.people",
                List.of(AppendModeTest.people("full-2", 1, 500, 5)));
        assertEquals(5, again.ok().recordsWritten());
        assertEquals(List.of(List.of("5", "500")), h.rows("SELECT count(*), min(id) FROM public.people"));
        assertEquals(List.of(List.of("people_name_idx"), List.of("people_pkey")), h.rows(
                "SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = 'public.people'::regclass ORDER BY 1"));
    }

    @Test
    void aFailedRunLeavesTheTargetAloneAndTheNextRunResumesTheStage() {
        h.sql("CREATE TABLE public.people (id bigint PRIMARY KEY, name text, flag boolean);"
                + "INSERT INTO public.people VALUES (1000, 'old', true)");
        byte[] b1 = AppendModeTest.people("full-1", 1, 1, 10);
        byte[] b2 = AppendModeTest.people("full-1", 2, 11, 10);
        byte[] b3 = AppendModeTest.people("full-1", 3, 21, 10);
        // run 1: batch 1 commits into the stage, then a corrupt frame ends the run
        DestHarness.Run first = h.run(h.config("write_mode", "replace"), "public.people",
                List.of(b1, "garbage".getBytes()));
        assertEquals("INVALID_ARROW_IPC", first.failed().error().code());
        assertEquals(List.of(List.of("1", "1000")), h.rows("SELECT count(*), min(id) FROM public.people"));
        assertEquals(10, h.count("public.people__rapidbyte_stage"));

        // run 2 replays the whole input: batch 1 is skipped, 2 and 3 are loaded, then the swap
        DestHarness.Run second = h.run(h.config("write_mode", "replace"), "public.people", List.of(b1, b2, b3));
        assertEquals(20, second.ok().recordsWritten());
        assertEquals(List.of(List.of("30", "30", "1", "30")),
                h.rows("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM public.people"));
    }

    @Test
    void aStageCompletedBeforeACrashIsSwappedWhenEveryBatchIsReplayed() {
        byte[] b1 = AppendModeTest.people("full-1", 1, 1, 10);
        byte[] b2 = AppendModeTest.people("full-1", 2, 11, 10);
        DestHarness.Run first = h.run(h.config("write_mode", "replace"), "public.people",
                List.of(b1, b2, "garbage".getBytes()));
        assertEquals("INVALID_ARROW_IPC", first.failed().error().code());
        assertNull(h.value("SELECT to_regclass('public.people')::text"));
        assertEquals(20, h.count("public.people__rapidbyte_stage"));

        DestHarness.Run second = h.run(h.config("write_mode", "replace"), "public.people", List.of(b1, b2));
        assertEquals(0, second.ok().recordsWritten());
        assertEquals(20, h.count("public.people"));
        assertNull(h.value("SELECT to_regclass('public.people__rapidbyte_stage')::text"));
    }
}
