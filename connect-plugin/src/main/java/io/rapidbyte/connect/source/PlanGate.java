package io.rapidbyte.connect.source;

import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Holds back the ranges of one stream until the stream's range plan is in the offset store
 * ({@link RangePlans}: a plan is fixed before any of its ranges is read, so a connector started
 * again after the table changed finds it). The task writes the plan with its first records; the
 * first reader to {@link #await} then reads the plan partition back until the write shows
 * (Connect commits offsets every {@code offset.flush.interval.ms}, with exactly-once at each
 * transaction); the others wait for it. Thread-safe.
 */
final class PlanGate {
    private static final long RECHECK_MS = 200;

    private final String stream;
    private final String plan;
    private final OffsetStorageReader reader;
    private boolean open;

    /** @param stored whether the store already holds {@code plan} (the gate is open) */
    PlanGate(String stream, String plan, OffsetStorageReader reader, boolean stored) {
        this.stream = stream;
        this.plan = plan;
        this.reader = reader;
        this.open = stored;
    }

    /**
     * Returns once the plan is stored.
     *
     * @throws ConnectException if the store holds another plan for the stream (another task
     *         generation planned first): this task's ranges belong to no stored plan
     */
    synchronized void await() throws InterruptedException {
        while (!open) {
            Map<String, Object> offset = reader.offset(SourceOffsets.planPartition(stream));
            Object stored = offset == null ? null : offset.get(SourceOffsets.PLAN_RANGES);
            if (stored instanceof String text) {
                if (!RangePlans.same(text, plan)) {
                    throw differs(stream, text, plan);
                }
                open = true;
                break;
            }
            wait(RECHECK_MS);
        }
    }

    static ConnectException differs(String stream, String stored, String given) {
        return new ConnectException("stream " + stream + ": the stored range plan " + stored + " differs from the "
                + "plan " + given + " this task was given (the connector planned before the stored plan was "
                + "written); restart the connector so that its tasks get the stored plan");
    }
}
