package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.BufferPool;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The TCP sockets of one wasm instance ({@code connect-tcp}, {@code socket-read-frame},
 * {@code socket-write-frame}, {@code socket-close}).
 *
 * <p>Every connection is checked against the {@link NetworkAcl}: first by name (a host no rule
 * can permit is denied without a DNS lookup), then each resolved address; only permitted
 * addresses are dialled, in resolver order, within one overall connect timeout.
 *
 * <p>Reads never spin: a read waits up to {@link SocketOptions#pollInterval()} and then
 * answers would-block; once reads have found no data for {@link SocketOptions#readTimeout()}
 * (measured from the first of consecutive empty reads; any data, EOF or write restarts it) the
 * read fails with {@code SOCKET_TIMEOUT}. Writes block until every byte is written, failing
 * when no progress is made for the read timeout. An interrupted instance thread ends any wait
 * at once with {@code SOCKET_IO_FAILED} / {@code CONNECT_FAILED}, its interrupt status kept.
 *
 * <p>Handles are positive longs from a counter that is never reset: never 0, never reused.
 * Errors are {@link ConnectorException}s with the codes of {@code wit/ABI.md} section 6.
 *
 * <p><b>Teardown.</b> The owner must call {@link #close()} when the instance ends; it returns
 * the number of sockets left open. (Not {@link AutoCloseable}: that would force
 * {@code void close()}.)
 *
 * <p><b>Thread-safety.</b> Not thread-safe: confined to the thread that runs the instance.
 */
public final class SocketTable {
    /** Reads return at most this many bytes, whatever length the guest asks for. */
    public static final long MAX_READ_BYTES = 4L * 1024 * 1024;

    /** Resolves host names; replaceable in tests so multi-address logic needs no DNS. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final NetworkAcl acl;
    private final SocketOptions options;
    private final CopyCounter copies;
    private final BufferPool buffers;
    private final Resolver resolver;
    private final Map<Long, TcpConnection> sockets = new HashMap<>();
    private long lastHandle;
    private boolean closed;

    /** A table whose receive buffers are always new (nothing gives them back). */
    public SocketTable(NetworkAcl acl, SocketOptions options, CopyCounter copies) {
        this(acl, options, copies, new BufferPool(0));
    }

    /**
     * @param buffers where reads take their receive buffers from (the instance's frame table gives
     *                them back when the guest drops the frames they became)
     */
    public SocketTable(NetworkAcl acl, SocketOptions options, CopyCounter copies, BufferPool buffers) {
        this(acl, options, copies, buffers, InetAddress::getAllByName);
    }

    SocketTable(NetworkAcl acl, SocketOptions options, CopyCounter copies, BufferPool buffers, Resolver resolver) {
        this.acl = Objects.requireNonNull(acl, "acl");
        this.options = Objects.requireNonNull(options, "options");
        this.copies = Objects.requireNonNull(copies, "copies");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /**
     * Opens a TCP connection to {@code host:port}.
     *
     * @return the new socket handle
     * @throws ConnectorException {@code INVALID_ARGUMENT} (empty host, port outside 1..65535),
     *         {@code SOCKET_LIMIT_EXCEEDED}, {@code NETWORK_DENIED} (permission, not retryable),
     *         {@code CONNECT_FAILED} (transient-network, retryable: resolution failed, refused,
     *         timed out, interrupted)
     */
    public long connectTcp(String host, int port) {
        if (closed) {
            throw new IllegalStateException("socket table is closed");
        }
        if (host == null || host.isBlank()) {
            throw invalidArgument("connect-tcp: empty host name");
        }
        if (port < 1 || port > 65535) {
            throw invalidArgument("connect-tcp: port " + port + " is outside 1..65535");
        }
        String target = host + ":" + port;
        if (sockets.size() >= options.maxSockets()) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.SOCKET_LIMIT_EXCEEDED,
                    "connect-tcp " + target + ": " + sockets.size() + " sockets are open, the limit is "
                            + options.maxSockets()));
        }
        if (!acl.mayPermit(host, port)) {
            throw denied(target + " is not in the network allow-list");
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(NetworkAcl.normalizeHost(host));
        } catch (UnknownHostException e) {
            throw connectFailed("cannot resolve " + host, e);
        }
        List<InetAddress> permitted = new ArrayList<>();
        for (InetAddress address : resolved) {
            if (acl.permits(host, port, address)) {
                permitted.add(address);
            }
        }
        if (permitted.isEmpty()) {
            throw denied(target + " resolves to " + describe(resolved) + ", none of which is in the network allow-list");
        }
        return dial(target, permitted, port);
    }

    private long dial(String target, List<InetAddress> permitted, int port) {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        IOException last = null;
        for (InetAddress address : permitted) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
            try {
                TcpConnection connection = TcpConnection.open(new InetSocketAddress(address, port), deadline);
                long handle = ++lastHandle;
                sockets.put(handle, connection);
                return handle;
            } catch (IOException e) {
                last = e;
            }
        }
        String why = last == null ? "connect timed out" : last.toString();
        throw connectFailed("cannot connect to " + target + " (" + describe(permitted.toArray(new InetAddress[0]))
                + "): " + why, last);
    }

    /**
     * Reads up to {@code maxLen} bytes (capped at {@link #MAX_READ_BYTES}). The payload of a
     * DATA result belongs to the caller, array and all; it is not counted in any frame table until
     * adopted.
     *
     * @param maxLen the guest's {@code u64}, read unsigned: 0 is rejected, anything above the cap
     *               (including {@code u64::MAX}, "whatever is there") is capped
     * @throws ConnectorException {@code INVALID_ARGUMENT}, {@code INVALID_SOCKET_HANDLE},
     *         {@code SOCKET_TIMEOUT}, {@code SOCKET_IO_FAILED}
     */
    public SocketReadResult read(long handle, long maxLen) {
        TcpConnection connection = lookup(handle);
        if (maxLen == 0) {
            throw invalidArgument("socket-read-frame: length 0 on socket " + handle + " must be at least 1");
        }
        int len = (int) (Long.compareUnsigned(maxLen, MAX_READ_BYTES) > 0 ? MAX_READ_BYTES : maxLen);
        try {
            return connection.read(len, options.pollInterval().toNanos(), options.readTimeout().toNanos(), buffers,
                    copies);
        } catch (IOException e) {
            throw ioFailure("socket-read-frame on socket " + handle, e);
        }
    }

    /**
     * Writes every byte of {@code payload}, blocking until done.
     *
     * @return the number of bytes written ({@code payload.length()})
     * @throws ConnectorException {@code INVALID_SOCKET_HANDLE}, {@code SOCKET_TIMEOUT},
     *         {@code SOCKET_IO_FAILED}; after a failure an unknown prefix may have been sent
     */
    public long write(long handle, FramePayload payload) {
        Objects.requireNonNull(payload, "payload");
        TcpConnection connection = lookup(handle);
        try {
            connection.write(payload, options.readTimeout().toNanos());
            return payload.length();
        } catch (IOException e) {
            throw ioFailure("socket-write-frame on socket " + handle, e);
        }
    }

    /**
     * Upgrades an open socket to TLS in place ({@code socket-start-tls}); afterwards
     * {@link #read} and {@link #write} carry plaintext. The handshake must finish within the
     * connect timeout. On any failure the socket is closed (its byte stream is no longer usable).
     *
     * @throws ConnectorException {@code INVALID_SOCKET_HANDLE}; {@code TLS_INVALID_OPTIONS}
     *         (config: unreadable PEM, a certificate without its key, already TLS);
     *         {@code TLS_UNTRUSTED_CERTIFICATE} / {@code TLS_HOSTNAME_MISMATCH} (auth);
     *         {@code TLS_HANDSHAKE_FAILED} (config: no common protocol, the server's alert);
     *         {@code SOCKET_TIMEOUT} / {@code SOCKET_IO_FAILED} (transient-network, retryable)
     */
    public TlsSession startTls(long handle, TlsOptions options) {
        Objects.requireNonNull(options, "options");
        TcpConnection connection = lookup(handle);
        String what = "socket-start-tls on socket " + handle + " (" + options.serverName() + ")";
        if (connection.isTls()) {
            throw tlsError(ErrorCategory.CONFIG, ErrorCodes.TLS_INVALID_OPTIONS, what + ": the socket already speaks TLS",
                    null);
        }
        ServerCertificateCheck check;
        javax.net.ssl.SSLEngine engine;
        try {
            check = ServerCertificateCheck.create(options.verify(), options.caPem());
            engine = TlsLayer.engine(options, check);
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            closeSocket(handle);
            throw tlsError(ErrorCategory.CONFIG, ErrorCodes.TLS_INVALID_OPTIONS, what + ": " + e.getMessage(), e);
        }
        try {
            return connection.startTls(engine, System.nanoTime() + this.options.connectTimeout().toNanos());
        } catch (javax.net.ssl.SSLException e) {
            closeSocket(handle);
            if (check.refusal() == ServerCertificateCheck.Refusal.UNTRUSTED) {
                throw tlsError(ErrorCategory.AUTH, ErrorCodes.TLS_UNTRUSTED_CERTIFICATE, what + ": " + check.reason(), e);
            }
            if (check.refusal() == ServerCertificateCheck.Refusal.HOSTNAME) {
                throw tlsError(ErrorCategory.AUTH, ErrorCodes.TLS_HOSTNAME_MISMATCH, what + ": " + check.reason(), e);
            }
            throw tlsError(ErrorCategory.CONFIG, ErrorCodes.TLS_HANDSHAKE_FAILED, what + ": handshake failed: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            closeSocket(handle);
            throw ioFailure(what, e);
        }
    }

    /**
     * Closes one socket.
     *
     * @throws ConnectorException {@code INVALID_SOCKET_HANDLE} if unknown or already closed
     */
    public void closeSocket(long handle) {
        lookup(handle);
        sockets.remove(handle).close();
    }

    /** Sockets currently open. */
    public int openSockets() {
        return sockets.size();
    }

    /**
     * Closes every socket. Idempotent; afterwards {@link #connectTcp} fails with
     * {@link IllegalStateException} and every handle is invalid.
     *
     * @return how many sockets were still open; 0 on later calls
     */
    public int close() {
        int open = sockets.size();
        sockets.values().forEach(TcpConnection::close);
        sockets.clear();
        closed = true;
        return open;
    }

    private TcpConnection lookup(long handle) {
        TcpConnection connection = sockets.get(handle);
        if (connection == null) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_SOCKET_HANDLE,
                    "socket handle " + Long.toUnsignedString(handle) + " is not open"));
        }
        return connection;
    }

    private static ConnectorException ioFailure(String what, IOException e) {
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            // TLS 1.3: a server that refuses the client (no or a bad client certificate) says so
            // after the client has finished its handshake, on the first read.
            return new ConnectorException(ConnectorError.of(ErrorCategory.CONFIG, ErrorCodes.TLS_HANDSHAKE_FAILED,
                    what + ": the server ended the TLS session: " + e.getMessage()), e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ConnectorException(ConnectorError.retryable(ErrorCategory.TRANSIENT_NETWORK,
                    ErrorCodes.SOCKET_TIMEOUT, what + ": " + e.getMessage()), e);
        }
        String why = e instanceof InterruptedIOException ? "interrupted" : e.toString();
        return new ConnectorException(ConnectorError.retryable(ErrorCategory.TRANSIENT_NETWORK,
                ErrorCodes.SOCKET_IO_FAILED, what + " failed: " + why), e);
    }

    private static ConnectorException tlsError(ErrorCategory category, String code, String message, Exception cause) {
        return new ConnectorException(ConnectorError.of(category, code, message), cause);
    }

    private static ConnectorException denied(String message) {
        return new ConnectorException(ConnectorError.of(ErrorCategory.PERMISSION, ErrorCodes.NETWORK_DENIED,
                "connect-tcp: " + message));
    }

    private static ConnectorException connectFailed(String message, Exception cause) {
        return new ConnectorException(ConnectorError.retryable(ErrorCategory.TRANSIENT_NETWORK,
                ErrorCodes.CONNECT_FAILED, "connect-tcp: " + message), cause);
    }

    private static ConnectorException invalidArgument(String message) {
        return new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT, message));
    }

    private static String describe(InetAddress[] addresses) {
        return Arrays.stream(addresses).map(InetAddress::getHostAddress).toList().toString();
    }
}
