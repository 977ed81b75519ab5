package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.FramePayload;

import java.util.Objects;

/**
 * Outcome of one socket read (WIT {@code socket-read-result}). Immutable.
 *
 * @param kind what happened; {@code kind.ordinal()} is the canonical-ABI variant tag
 * @param data the bytes read (at least one) when {@code kind} is {@link Kind#DATA}, else null
 */
public record SocketReadResult(Kind kind, FramePayload data) {
    /** Variant cases in WIT order. */
    public enum Kind { DATA, EOF, WOULD_BLOCK }

    private static final SocketReadResult EOF_RESULT = new SocketReadResult(Kind.EOF, null);
    private static final SocketReadResult WOULD_BLOCK_RESULT = new SocketReadResult(Kind.WOULD_BLOCK, null);

    public SocketReadResult {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.DATA) != (data != null)) {
            throw new IllegalArgumentException("data must be present exactly for DATA, kind " + kind);
        }
        if (data != null && data.length() == 0) {
            throw new IllegalArgumentException("DATA must hold at least one byte");
        }
    }

    public static SocketReadResult data(FramePayload bytes) {
        return new SocketReadResult(Kind.DATA, bytes);
    }

    public static SocketReadResult eof() {
        return EOF_RESULT;
    }

    public static SocketReadResult wouldBlock() {
        return WOULD_BLOCK_RESULT;
    }
}
