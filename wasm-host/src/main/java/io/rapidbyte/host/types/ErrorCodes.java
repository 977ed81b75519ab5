package io.rapidbyte.host.types;

/** The error codes the host returns to guests; see {@code wit/ABI.md} section 6. */
public final class ErrorCodes {
    public static final String INVALID_FRAME_HANDLE = "INVALID_FRAME_HANDLE";
    public static final String FRAME_NOT_SEALED = "FRAME_NOT_SEALED";
    public static final String FRAME_ALREADY_SEALED = "FRAME_ALREADY_SEALED";
    public static final String FRAME_BOUNDS = "FRAME_BOUNDS";
    public static final String FRAME_IO_FAILED = "FRAME_IO_FAILED";
    public static final String FRAME_LIMIT_EXCEEDED = "FRAME_LIMIT_EXCEEDED";
    public static final String CHANNEL_CLOSED = "CHANNEL_CLOSED";
    public static final String NO_CHANNEL = "NO_CHANNEL";
    public static final String NETWORK_DENIED = "NETWORK_DENIED";
    public static final String CONNECT_FAILED = "CONNECT_FAILED";
    public static final String SOCKET_TIMEOUT = "SOCKET_TIMEOUT";
    public static final String SOCKET_IO_FAILED = "SOCKET_IO_FAILED";
    public static final String INVALID_SOCKET_HANDLE = "INVALID_SOCKET_HANDLE";
    public static final String SOCKET_LIMIT_EXCEEDED = "SOCKET_LIMIT_EXCEEDED";
    public static final String STATE_FAILED = "STATE_FAILED";
    public static final String INVALID_ARGUMENT = "INVALID_ARGUMENT";
    public static final String TLS_INVALID_OPTIONS = "TLS_INVALID_OPTIONS";
    public static final String TLS_HANDSHAKE_FAILED = "TLS_HANDSHAKE_FAILED";
    public static final String TLS_UNTRUSTED_CERTIFICATE = "TLS_UNTRUSTED_CERTIFICATE";
    public static final String TLS_HOSTNAME_MISMATCH = "TLS_HOSTNAME_MISMATCH";

    private ErrorCodes() {
    }
}
