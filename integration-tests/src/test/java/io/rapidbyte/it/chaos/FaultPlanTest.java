package io.rapidbyte.it.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final List<FaultKind> ALL = List.of(FaultKind.values());

    @Test
    void theSameSeedDrawsTheSamePlan() {
        assertEquals(FaultPlan.draw(new Random(42), 12, ALL), FaultPlan.draw(new Random(42), 12, ALL));
        assertNotEquals(FaultPlan.draw(new Random(42), 12, ALL), FaultPlan.draw(new Random(43), 12, ALL));
    }

    @Test
    void everyKindComesAtLeastOnceAtIncreasingPointsWhileRowsMove() {
        for (long seed = 0; seed < 50; seed++) {
            FaultPlan plan = FaultPlan.draw(new Random(seed), 12, ALL);
            assertEquals(12, plan.faults().size());
            EnumSet<FaultKind> seen = EnumSet.noneOf(FaultKind.class);
            double last = 0;
            for (int i = 0; i < 12; i++) {
                FaultPlan.Planned p = plan.faults().get(i);
                seen.add(p.kind());
                assertEquals(i + 1, p.number());
                assertTrue(p.atProgress() >= last, "points increase");
                assertTrue(p.atProgress() >= FaultPlan.FIRST_POINT && p.atProgress() <= FaultPlan.LAST_POINT);
                assertTrue(p.pauseMs() >= FaultPlan.MIN_PAUSE_MS && p.pauseMs() <= FaultPlan.MAX_PAUSE_MS);
                last = p.atProgress();
            }
            assertEquals(EnumSet.allOf(FaultKind.class), seen, "seed " + seed);
        }
    }

    @Test
    void onlyTheChosenKindsAreDrawn() {
        FaultPlan plan = FaultPlan.draw(new Random(1), 7, List.of(FaultKind.POSTGRES_CRASH));
        assertTrue(plan.faults().stream().allMatch(p -> p.kind() == FaultKind.POSTGRES_CRASH));
    }
}
