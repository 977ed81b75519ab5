package io.rapidbyte.postgres.wire;

/**
 * The byte stream a {@link PgConnection} talks over. In a wasm guest it is backed
 * by the SDK's socket stream over host frame sockets; on the JVM (tests) by a
 * {@code java.net.Socket}.
 *
 * <p>The connection calls it with large buffers only (it never reads or writes
 * byte by byte), and the buffers it passes are its own: an implementation must
 * not keep a reference to them after the call returns. Failures are reported as
 * unchecked exceptions ({@link PgTransportException} preferred); the connection
 * turns them into a {@link PgException} of category {@code transient-network}.
 *
 * <p>Owned by one connection and used from one thread; implementations need not
 * be thread-safe.
 */
public interface PgTransport {

    /**
     * Reads at least one and at most {@code len} bytes into {@code buf[off...]},
     * blocking until at least one is available.
     *
     * @return the number of bytes read, or -1 at end of stream
     */
    int read(byte[] buf, int off, int len);

    /**
     * Reads what has arrived, waiting only a short while: at most {@code len} bytes into
     * {@code buf[off...]}, 0 when nothing came in that while. A replication stream uses it to
     * send status updates and flush batches on time while the server is quiet. The default
     * blocks like {@link #read}; transports that can wait briefly should override it.
     *
     * @return the number of bytes read, 0 for none yet, or -1 at end of stream
     */
    default int readAvailable(byte[] buf, int off, int len) {
        return read(buf, off, len);
    }

    /** Writes all {@code len} bytes (may buffer them until {@link #flush()}). */
    void write(byte[] buf, int off, int len);

    /** Pushes everything written so far to the peer. */
    void flush();

    /** Releases the underlying socket. Idempotent. */
    void close();
}
