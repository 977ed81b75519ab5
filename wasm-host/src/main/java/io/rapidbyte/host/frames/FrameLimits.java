package io.rapidbyte.host.frames;

/**
 * Per-instance frame limits, enforced by {@link FrameTable}. Immutable.
 *
 * @param maxLiveFrames  frames (writable or sealed) an instance may hold at once
 * @param maxFrameBytes  bytes one frame may hold; at most {@link #MAX_FRAME_BYTES_CEILING},
 *                       because a frame is backed by one Java array
 * @param maxTotalBytes  bytes all live frames of an instance may hold together
 */
public record FrameLimits(int maxLiveFrames, long maxFrameBytes, long maxTotalBytes) {
    private static final long MIB = 1024L * 1024L;

    /** The largest byte array the JVM reliably allocates. */
    public static final long MAX_FRAME_BYTES_CEILING = Integer.MAX_VALUE - 8;

    /** 1024 frames, 64 MiB per frame, 256 MiB in total. */
    public static final FrameLimits DEFAULT = new FrameLimits(1024, 64 * MIB, 256 * MIB);

    public FrameLimits {
        if (maxLiveFrames <= 0) {
            throw new IllegalArgumentException("maxLiveFrames must be positive, got " + maxLiveFrames);
        }
        if (maxFrameBytes <= 0 || maxFrameBytes > MAX_FRAME_BYTES_CEILING) {
            throw new IllegalArgumentException("maxFrameBytes must be in 1.." + MAX_FRAME_BYTES_CEILING
                    + ", got " + maxFrameBytes);
        }
        if (maxTotalBytes <= 0) {
            throw new IllegalArgumentException("maxTotalBytes must be positive, got " + maxTotalBytes);
        }
    }
}
