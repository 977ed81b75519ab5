package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.frames.FrameLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Resource limits of one connector instance. Immutable.
 *
 * @param maxMemoryPages cap on the guest's linear memory in 64 KiB pages (memory.grow past it
 *                       fails in the guest); the module's own maximum applies when lower
 * @param callTimeout    wall-clock limit for each guest call ({@code _start}, {@code open},
 *                       {@code run-*}, ...), host functions included; {@link Duration#ZERO}
 *                       for none
 * @param frames         frame table limits
 */
public record InstanceLimits(int maxMemoryPages, Duration callTimeout, FrameLimits frames) {
    /** 512 MiB of guest memory, no call timeout, default frame limits. */
    public static final InstanceLimits DEFAULT = new InstanceLimits(8192, Duration.ZERO, FrameLimits.DEFAULT);

    public InstanceLimits {
        if (maxMemoryPages <= 0 || maxMemoryPages > 65536) {
            throw new IllegalArgumentException("maxMemoryPages must be in 1..65536, got " + maxMemoryPages);
        }
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative()) {
            throw new IllegalArgumentException("callTimeout must not be negative, got " + callTimeout);
        }
        Objects.requireNonNull(frames, "frames");
    }

    public InstanceLimits withMaxMemoryPages(int pages) {
        return new InstanceLimits(pages, callTimeout, frames);
    }

    public InstanceLimits withCallTimeout(Duration timeout) {
        return new InstanceLimits(maxMemoryPages, timeout, frames);
    }

    public InstanceLimits withFrames(FrameLimits frameLimits) {
        return new InstanceLimits(maxMemoryPages, callTimeout, frameLimits);
    }
}
