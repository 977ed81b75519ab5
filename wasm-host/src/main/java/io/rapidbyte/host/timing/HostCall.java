package io.rapidbyte.host.timing;

/**
 * The groups {@link GuestClock} books host-function time under, by what the guest waits for
 * while it is in them.
 */
public enum HostCall {
    /** {@code socket-read-frame}: waiting for the database to send (wall minus CPU is the wait). */
    SOCKET_READ,
    /** {@code socket-write-frame}: handing bytes to the kernel (blocks only when the peer lags). */
    SOCKET_WRITE,
    /** {@code connect-tcp} and {@code socket-start-tls}: DNS, the ACL check, the TCP and TLS handshakes. */
    CONNECT,
    /** {@code emit-batch}: the embedder's batch checks and its backpressure (a full buffer toward Kafka). */
    EMIT_BATCH,
    /** {@code next-batch}: waiting for input (batches from Kafka) or the end of a run. */
    NEXT_BATCH,
    /** {@code frame-new/write/seal/len/read/drop}: copying batch bytes across the boundary. */
    FRAME,
    /** Everything else: checkpoint, log, metric, state, dead letters. */
    CONTROL;

    /** The group of import {@code name} (ABI.md section 3). */
    public static HostCall of(String name) {
        switch (name) {
            case "socket-read-frame":
                return SOCKET_READ;
            case "socket-write-frame":
                return SOCKET_WRITE;
            case "connect-tcp":
            case "socket-start-tls":
                return CONNECT;
            case "emit-batch":
                return EMIT_BATCH;
            case "next-batch":
                return NEXT_BATCH;
            default:
                return name.startsWith("frame-") || name.equals("[resource-drop]frame") ? FRAME : CONTROL;
        }
    }
}
