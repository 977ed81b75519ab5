package io.rapidbyte.host.pipeline;

import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.types.RunSummary;
import java.time.Duration;

/**
 * How one stage of a successful run went. Immutable (the counter is final once the run ended).
 *
 * @param summary      what the guest's {@code run-*} returned
 * @param copies       payload bytes copied across this stage's wasm boundary
 * @param leakedFrames frames the guest still held at teardown (freed by the host)
 * @param timeInGuest  wall-clock time in guest calls, host functions included
 * @param allocatedBytes heap bytes the stage's thread allocated (instantiation, guest memory,
 *                     host calls; {@link ThreadAllocation}), 0 where the JVM cannot tell
 */
public record StageReport(String name, Role role, RunSummary summary, CopyCounter copies, int leakedFrames,
                          int leakedSockets, Duration timeInGuest, long allocatedBytes) {
}
