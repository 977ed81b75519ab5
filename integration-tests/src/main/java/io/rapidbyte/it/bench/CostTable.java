package io.rapidbyte.it.bench;

import io.rapidbyte.it.bench.AllocationProbe.Group;
import java.io.PrintStream;
import java.util.List;

/**
 * Prints {@link RunCost.Figures} as Markdown tables: bytes on the broker, time and CPU per run,
 * and host allocation per row by thread group with GC and guest memory. Stateless.
 */
final class CostTable {
    private CostTable() {
    }

    static void print(PrintStream out, List<RunCost.Figures> runs) {
        out.println();
        out.println("| run | rows | MB on broker | B/row on broker | chain s | JVM CPU s | source task CPU s | sink task CPU s "
                + "| Kafka client CPU s |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (RunCost.Figures f : runs) {
            AllocationProbe.Report c = f.cost();
            out.printf("| %s | %,d | %.1f | %.0f | %.2f | %.1f | %.2f | %.2f | %.2f |%n", f.label(), c.rows(),
                    f.brokerBytes() / 1e6, (double) f.brokerBytes() / c.rows(), f.outcome().seconds(),
                    c.processCpuNanos() / 1e9, seconds(c, Group.SOURCE_TASK), seconds(c, Group.SINK_TASK),
                    seconds(c, Group.KAFKA_CLIENTS));
        }
        out.println();
        StringBuilder head = new StringBuilder("| run |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Group g : Group.values()) {
            head.append(' ').append(g.label).append(" B/row |");
            rule.append("---:|");
        }
        out.println(head + " chain total B/row | GCs | GC pause ms | guest memory MiB (source / sink) |");
        out.println(rule + "---:|---:|---:|---:|");
        for (RunCost.Figures f : runs) {
            AllocationProbe.Report c = f.cost();
            StringBuilder line = new StringBuilder("| " + f.label() + " |");
            for (Group g : Group.values()) {
                line.append(String.format(" %,.0f |", c.allocatedPerRow(g)));
            }
            line.append(String.format(" %,.0f | %d | %d | %.0f / %.0f |", (double) c.chainAllocated() / c.rows(),
                    c.gcCount(), c.gcPauseMillis(), f.sourceGuestMemory() / 1048576.0, f.sinkGuestMemory() / 1048576.0));
            out.println(line);
        }
        out.println();
        for (RunCost.Figures f : runs) {
            StringBuilder top = new StringBuilder(f.label() + " — largest allocators in the rest of the JVM (B/row):");
            f.cost().topRestThreads().forEach((name, bytes) ->
                    top.append(String.format(" %s %,.0f;", name, (double) bytes / f.cost().rows())));
            out.println(top);
        }
        out.println();
    }

    private static double seconds(AllocationProbe.Report c, Group g) {
        return c.cpuNanos().getOrDefault(g, 0L) / 1e9;
    }
}
