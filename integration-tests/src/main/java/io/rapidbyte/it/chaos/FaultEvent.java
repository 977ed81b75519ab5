package io.rapidbyte.it.chaos;

/**
 * A fault that was injected.
 *
 * @param atSeconds seconds since the connectors were created
 * @param progress  the chain's progress (0..1) when it was injected
 * @param midStream whether some pipeline was still delivering rows then
 * @param seconds   how long the fault took, the restarted process answering again included
 * @param detail    what was done (process, pid, downtime, connections reset)
 */
public record FaultEvent(FaultPlan.Planned planned, double atSeconds, double progress, boolean midStream,
                         double seconds, String detail) {
    @Override
    public String toString() {
        return String.format("#%-3d t=%7.1f s  progress %3.0f%%%s  %-15s %s", planned.number(), atSeconds,
                100 * progress, midStream ? "" : " (after the chain)", planned.kind(), detail);
    }
}
