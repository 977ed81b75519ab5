package io.rapidbyte.host.frames;

/**
 * Per-instance frame limits, enforced by {@link FrameTable}. Immutable.
 *
 * @param maxLiveFrames  frames (writable or sealed) an instance may hold at once
 * @param maxFrameBytes  bytes one frame may hold; at most {@link #MAX_FRAME_BYTES_CEILING},
 *                       because a frame is backed by one Java array
 * @param maxTotalBytes  bytes all live frames of an instance may hold together
 * @param reusableBytes  bytes of finished frames' host arrays an instance keeps for reuse
 *                       ({@link BufferPool}); 0 allocates every buffer afresh
 */
public record FrameLimits(int maxLiveFrames, long maxFrameBytes, long maxTotalBytes, long reusableBytes) {
    private static final long MIB = 1024L * 1024L;

    /** The largest byte array the JVM reliably allocates. */
    public static final long MAX_FRAME_BYTES_CEILING = Integer.MAX_VALUE - 8;

    /**
     * Room for the buffers one instance cycles through: a socket receive buffer and a written
     * socket frame (64 KiB each with the SDK's streams), with spares of up to the largest read.
     */
    public static final long DEFAULT_REUSABLE_BYTES = 4 * MIB;

    /** 1024 frames, 64 MiB per frame, 256 MiB in total, 4 MiB of reusable buffers. */
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
        if (reusableBytes < 0) {
            throw new IllegalArgumentException("reusableBytes must not be negative, got " + reusableBytes);
        }
    }

    /** Limits with {@link #DEFAULT_REUSABLE_BYTES} of reusable buffers. */
    public FrameLimits(int maxLiveFrames, long maxFrameBytes, long maxTotalBytes) {
        this(maxLiveFrames, maxFrameBytes, maxTotalBytes, DEFAULT_REUSABLE_BYTES);
    }

    public FrameLimits withReusableBytes(long bytes) {
        return new FrameLimits(maxLiveFrames, maxFrameBytes, maxTotalBytes, bytes);
    }
}
