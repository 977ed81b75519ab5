package io.rapidbyte.source.postgres.ranges;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RangePlannerTest {
    /** Ranges are contiguous from page 0, never overlap, and only the last is open-ended. */
    private static void assertTiles(List<PageRange> plan, long pages) {
        long next = 0;
        for (int i = 0; i < plan.size(); i++) {
            PageRange r = plan.get(i);
            assertEquals(Integer.toString(i), r.id());
            assertEquals(next, r.fromPage(), "range " + i);
            if (i == plan.size() - 1) {
                assertTrue(r.isOpenEnded(), "the last range is open-ended: " + r);
            } else {
                assertTrue(r.toPage() > r.fromPage(), r.toString());
                next = r.toPage();
            }
        }
        assertTrue(pages == 0 || plan.get(plan.size() - 1).fromPage() < pages, "no range starts past the table");
    }

    @Test
    void splitsEvenlyWithTheLastRangeOpenEnded() {
        List<PageRange> plan = RangePlanner.plan(1000, 4);
        assertEquals(4, plan.size());
        assertTiles(plan, 1000);
        assertEquals(250, plan.get(1).fromPage());
        assertEquals(500, plan.get(1).toPage());
        assertEquals(750, plan.get(3).fromPage());
        assertTrue(plan.get(3).isOpenEnded());
    }

    @Test
    void unevenSizesDifferByAtMostOnePage() {
        List<PageRange> plan = RangePlanner.plan(10, 3);
        assertTiles(plan, 10);
        assertEquals(List.of(0L, 3L, 6L), List.of(plan.get(0).fromPage(), plan.get(1).fromPage(), plan.get(2).fromPage()));
    }

    @Test
    void emptyTableIsOneOpenEndedRange() {
        List<PageRange> plan = RangePlanner.plan(0, 8);
        assertEquals(1, plan.size());
        assertEquals(0, plan.get(0).fromPage());
        assertTrue(plan.get(0).isOpenEnded());
    }

    @Test
    void moreRangesThanPagesGivesOnePerPage() {
        List<PageRange> plan = RangePlanner.plan(3, 1024);
        assertEquals(3, plan.size());
        assertTiles(plan, 3);
        assertEquals(1, plan.get(0).toPage());
        assertEquals(2, plan.get(2).fromPage());
    }

    @Test
    void oneRangeIsTheWholeTable() {
        List<PageRange> plan = RangePlanner.plan(500, 1);
        assertEquals(1, plan.size());
        assertTrue(plan.get(0).isOpenEnded());
    }

    @Test
    void refusesImpossibleRequests() {
        assertThrows(IllegalArgumentException.class, () -> RangePlanner.plan(10, 0));
        assertThrows(IllegalArgumentException.class, () -> RangePlanner.plan(10, 1025));
        assertThrows(IllegalArgumentException.class, () -> RangePlanner.plan(-1, 2));
    }

    @Test
    void jsonRoundTripsAndBadFormsAreConfigErrors() {
        PageRange r = RangePlanner.plan(100, 4).get(1);
        assertEquals("{\"id\":\"1\",\"from_page\":25,\"to_page\":50}", r.toJson().toJson());
        PageRange back = PageRange.fromJson("s.t", Json.parseObject(r.toJson().toJson()));
        assertEquals(25, back.fromPage());
        assertEquals(50, back.toPage());
        PageRange open = PageRange.fromJson("s.t", Json.parseObject("{\"id\":\"3\",\"from_page\":75}"));
        assertTrue(open.isOpenEnded());
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> PageRange.fromJson("s.t", Json.parseObject("{\"id\":\"3\",\"from_page\":75,\"to_page\":75}")));
        assertEquals("RANGE_INVALID", e.error().code());
        assertThrows(ConnectorException.class, () -> PageRange.fromJson("s.t", Json.parseObject("{\"from_page\":1}")));
    }
}
