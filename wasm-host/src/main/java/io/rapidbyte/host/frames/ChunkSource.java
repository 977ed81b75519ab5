package io.rapidbyte.host.frames;

/**
 * Bytes to append to a frame that still live elsewhere (in guest memory, for {@code frame-write}):
 * the {@link FrameTable} decides where they go and has them copied exactly once, either into a
 * buffer it already holds (the frame's own, or a reused one from its {@link BufferPool}) or into a
 * new array of their exact size. Used during one call only.
 */
public interface ChunkSource {
    /** How many bytes. */
    int length();

    /** Copies all {@link #length()} bytes into {@code target} starting at {@code offset}. */
    void copyInto(byte[] target, int offset);

    /** The bytes in a new array of exactly {@link #length()} bytes, which the table adopts. */
    byte[] toNewArray();
}
