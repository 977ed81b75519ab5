package io.rapidbyte.it.chaos;

import io.rapidbyte.it.data.TableDiff;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * What a chaos run did and found: the faults injected, per pipeline the comparison of target
 * and source, and why the run stopped early if it did. Immutable.
 *
 * @param failure a FAILED connector or task (with its trace), a timeout, or an error of the run itself
 */
public record ChaosReport(long seed, long rows, int faultsPlanned, List<FaultEvent> faults, List<Outcome> outcomes,
                          Optional<String> failure, double seconds) {
    /** One pipeline's result. */
    public record Outcome(String kind, TableDiff.Result diff) {
    }

    public ChaosReport {
        faults = List.copyOf(faults);
        outcomes = List.copyOf(outcomes);
    }

    public long midStreamFaults() {
        return faults.stream().filter(FaultEvent::midStream).count();
    }

    /** Source rows compared, over all pipelines. */
    public long rowsCompared() {
        return outcomes.stream().mapToLong(o -> o.diff().leftRows()).sum();
    }

    /** Source rows missing from their target ({@code EXCEPT ALL} source minus target). */
    public long lost() {
        return outcomes.stream().mapToLong(o -> o.diff().onlyInLeft()).sum();
    }

    /** Target rows beyond the source's ({@code EXCEPT ALL} target minus source: duplicates or changed rows). */
    public long duplicates() {
        return outcomes.stream().mapToLong(o -> o.diff().onlyInRight()).sum();
    }

    public boolean equal() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(o -> o.diff().equal());
    }

    /**
     * 0: every target equals its source after every planned fault; 1: the run completed but a
     * target differs (lost or duplicated rows); 2: the run did not complete (a FAILED task, a
     * stall, a timeout), whatever the targets hold at that point.
     */
    public int exitCode() {
        if (failure.isPresent() || faults.size() < faultsPlanned) {
            return 2;
        }
        return equal() ? 0 : 1;
    }

    public void print(PrintStream out) {
        out.println();
        out.println("faults injected (" + faults.size() + " of " + faultsPlanned + " planned, seed " + seed + "):");
        faults.forEach(f -> out.println("  " + f));
        out.println("outcome:");
        for (Outcome o : outcomes) {
            out.printf("  %-11s %s%n", o.kind(), o.diff());
        }
        failure.ifPresent(f -> out.println("stopped early: " + f));
        out.printf("figures: %d faults survived (%d while rows were moving), %,d rows compared, %d %s, %d duplicated,"
                + " %.0f s%n", exitCode() == 0 ? faults.size() : 0, midStreamFaults(), rowsCompared(), lost(),
                failure.isPresent() ? "not delivered" : "lost", duplicates(), seconds);
        out.println(switch (exitCode()) {
            case 0 -> "RESULT: OK — every target equals its source (EXCEPT ALL both ways empty) after every fault";
            case 1 -> "RESULT: MISMATCH — rows were lost or duplicated";
            default -> "RESULT: FAILED — the run did not complete; see above and the process logs";
        });
        out.flush();
    }
}
