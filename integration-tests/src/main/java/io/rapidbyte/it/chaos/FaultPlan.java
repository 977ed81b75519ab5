package io.rapidbyte.it.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * When and which faults a run injects, drawn from a seeded {@link Random} so that a run can be
 * repeated: every kind at least once (when there are enough faults), the rest at random, in
 * random order; each fault waits until the chain's progress reached its point and a random pause
 * has passed since the previous fault ended. Immutable.
 */
public record FaultPlan(List<Planned> faults) {
    /** Progress points lie in this range, so that faults land while rows are still moving. */
    static final double FIRST_POINT = 0.02;
    static final double LAST_POINT = 0.75;
    static final long MIN_PAUSE_MS = 1_000;
    static final long MAX_PAUSE_MS = 6_000;

    /**
     * One planned fault.
     *
     * @param atProgress inject once the chain's progress (0..1, rows committed in the targets) reached this
     * @param pauseMs    and at least this long after the previous fault ended
     */
    public record Planned(int number, FaultKind kind, double atProgress, long pauseMs) {
    }

    public FaultPlan {
        faults = List.copyOf(faults);
    }

    public static FaultPlan draw(Random random, int count, List<FaultKind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kinds to draw from");
        }
        List<FaultKind> chosen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            chosen.add(i < kinds.size() ? kinds.get(i) : kinds.get(random.nextInt(kinds.size())));
        }
        Collections.shuffle(chosen, random);
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(FIRST_POINT + random.nextDouble() * (LAST_POINT - FIRST_POINT));
        }
        Collections.sort(points);
        List<Planned> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long pause = MIN_PAUSE_MS + (long) (random.nextDouble() * (MAX_PAUSE_MS - MIN_PAUSE_MS));
            out.add(new Planned(i + 1, chosen.get(i), points.get(i), pause));
        }
        return new FaultPlan(out);
    }
}
