package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connecting (ACL, resolution, failures), handles, limits and teardown. */
class SocketConnectTest extends SocketTestSupport {
    // ---- connect ------------------------------------------------------------------------

    @Test
    void connectToAClosedPortFails() throws IOException {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        int port = s.getLocalPort();
        s.close();
        SocketTable t = table(LOOPBACK, FAST);
        ConnectorError e = assertError(ErrorCodes.CONNECT_FAILED, () -> t.connectTcp("127.0.0.1", port));
        assertEquals(ErrorCategory.TRANSIENT_NETWORK, e.category());
        assertTrue(e.retryable());
        assertTrue(e.message().contains("127.0.0.1:" + port), e.message());
        assertEquals(0, t.openSockets());
    }

    @Test
    void deniedConnectionsNeverReachThePeer() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        cleanup.add(server);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        server.configureBlocking(false);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        SocketTable t = table(NetworkAcl.of(List.of("10.0.0.0/8", "127.0.0.1:" + (port == 1 ? 2 : port - 1))), FAST);
        ConnectorError e = assertError(ErrorCodes.NETWORK_DENIED, () -> t.connectTcp("127.0.0.1", port));
        assertEquals(ErrorCategory.PERMISSION, e.category());
        assertFalse(e.retryable());
        assertTrue(e.message().contains("127.0.0.1"), e.message());
        assertNull(server.accept(), "a denied connect must not have been attempted");
        assertEquals(0, t.openSockets());
    }

    @Test
    void hostsNoRuleCanPermitAreDeniedWithoutResolving() {
        AtomicInteger lookups = new AtomicInteger();
        SocketTable.Resolver counting = host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        };
        assertError(ErrorCodes.NETWORK_DENIED, () -> table(NetworkAcl.denyAll(), counting).connectTcp("exfil.example", 53));
        assertError(ErrorCodes.NETWORK_DENIED,
                () -> table(NetworkAcl.of(List.of("*.example.com")), counting).connectTcp("db.other.org", 5432));
        assertEquals(0, lookups.get());
    }

    @Test
    void unresolvableHostIsConnectFailed() {
        SocketTable t = table(NetworkAcl.of(List.of("*.example.com")), host -> {
            throw new UnknownHostException(host);
        });
        ConnectorError e = assertError(ErrorCodes.CONNECT_FAILED, () -> t.connectTcp("db.example.com", 5432));
        assertTrue(e.retryable());
        assertTrue(e.message().contains("db.example.com"), e.message());
    }

    @Test
    void onlyPermittedResolvedAddressesAreDialled() throws IOException {
        ServerSocket server = server();
        InetAddress outside = InetAddress.getByName("192.0.2.1");   // TEST-NET-1, must never be dialled
        InetAddress inside = InetAddress.getByName("127.0.0.1");
        SocketTable t = table(NetworkAcl.of(List.of("127.0.0.0/8")), host -> new InetAddress[] {outside, inside});
        long h = t.connectTcp("db.internal", server.getLocalPort());
        accept(server).getOutputStream().write('k');
        assertEquals(1, readBytes(t, h, 1).length);

        SocketTable onlyOutside = table(NetworkAcl.of(List.of("127.0.0.0/8")), host -> new InetAddress[] {outside});
        ConnectorError e = assertError(ErrorCodes.NETWORK_DENIED, () -> onlyOutside.connectTcp("db.internal", 5432));
        assertTrue(e.message().contains("192.0.2.1"), e.message());
    }

    @Test
    void nameRulesPermitWhateverTheNameResolvesTo() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(NetworkAcl.of(List.of("db.test:" + server.getLocalPort())),
                host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        t.connectTcp("db.test", server.getLocalPort());
        accept(server);
        assertError(ErrorCodes.NETWORK_DENIED, () -> t.connectTcp("db.test", server.getLocalPort() + 1));
    }

    @Test
    void connectFallsBackToTheNextPermittedAddress() throws IOException {
        ServerSocket server = server(); // bound to 127.0.0.1 only, so 127.0.0.2 refuses
        SocketTable t = table(LOOPBACK, host -> new InetAddress[] {
            InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.1")});
        long h = t.connectTcp("db.internal", server.getLocalPort());
        accept(server);
        assertEquals(1, t.openSockets());
        t.closeSocket(h);
    }

    @Test
    void realLocalhostResolution() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(NetworkAcl.of(List.of("localhost")), FAST);
        t.connectTcp("localhost", server.getLocalPort());
        accept(server);
    }

    @Test
    void badConnectArgumentsAreInvalidArgument() {
        SocketTable t = table(LOOPBACK, FAST);
        assertEquals(ErrorCategory.INTERNAL, assertError(ErrorCodes.INVALID_ARGUMENT, () -> t.connectTcp("", 80)).category());
        assertError(ErrorCodes.INVALID_ARGUMENT, () -> t.connectTcp(null, 80));
        assertError(ErrorCodes.INVALID_ARGUMENT, () -> t.connectTcp("127.0.0.1", 0));
        assertError(ErrorCodes.INVALID_ARGUMENT, () -> t.connectTcp("127.0.0.1", 65536));
    }

    // ---- handles, limits, teardown ------------------------------------------------------

    @Test
    void socketLimitIsEnforcedAndFreedByClose() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, new SocketOptions(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(20), 2));
        long a = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.connectTcp("127.0.0.1", server.getLocalPort());
        ConnectorError e = assertError(ErrorCodes.SOCKET_LIMIT_EXCEEDED,
                () -> t.connectTcp("127.0.0.1", server.getLocalPort()));
        assertEquals(ErrorCategory.INTERNAL, e.category());
        assertTrue(e.message().contains("2"), e.message());
        t.closeSocket(a);
        t.connectTcp("127.0.0.1", server.getLocalPort());
        assertEquals(2, t.openSockets());
    }

    @Test
    void unknownAndClosedHandlesAreInvalid() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long a = t.connectTcp("127.0.0.1", server.getLocalPort());
        t.closeSocket(a);
        long b = t.connectTcp("127.0.0.1", server.getLocalPort());
        assertTrue(a > 0 && b > a, "handles are non-zero and never reused");
        for (long h : new long[] {0, a, 999, -1}) {
            ConnectorError e = assertError(ErrorCodes.INVALID_SOCKET_HANDLE, () -> t.read(h, 10));
            assertEquals(ErrorCategory.INTERNAL, e.category());
            assertError(ErrorCodes.INVALID_SOCKET_HANDLE, () -> t.write(h, text("x")));
            assertError(ErrorCodes.INVALID_SOCKET_HANDLE, () -> t.closeSocket(h));
        }
    }

    @Test
    void zeroReadLengthIsInvalidArgumentAndHugeLengthIsCapped() throws IOException {
        ServerSocket server = server();
        SocketTable t = table(LOOPBACK, FAST);
        long h = t.connectTcp("127.0.0.1", server.getLocalPort());
        assertError(ErrorCodes.INVALID_ARGUMENT, () -> t.read(h, 0));
        try (Socket peer = server.accept()) {
            peer.getOutputStream().write("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            peer.getOutputStream().flush();
            SocketReadResult r;
            do {
                r = t.read(h, -1); // u64::MAX: "whatever is there", capped at MAX_READ_BYTES
            } while (r.kind() == SocketReadResult.Kind.WOULD_BLOCK);
            assertEquals(SocketReadResult.Kind.DATA, r.kind());
            assertEquals("hello", new String(r.data().toByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void closeClosesEverySocketAndCountsThem() throws IOException {
        ServerSocket server = server();
        SocketTable t = new SocketTable(LOOPBACK, FAST, copies);
        List<Long> handles = new ArrayList<>();
        List<InputStream> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            handles.add(t.connectTcp("127.0.0.1", server.getLocalPort()));
            peers.add(accept(server).getInputStream());
        }
        t.closeSocket(handles.get(0));
        assertEquals(2, t.close());
        for (InputStream in : peers) {
            assertEquals(-1, in.read(), "the peer sees the connection closed");
        }
        assertError(ErrorCodes.INVALID_SOCKET_HANDLE, () -> t.read(handles.get(1), 10));
        assertEquals(0, t.close(), "close is idempotent");
        assertThrows(IllegalStateException.class, () -> t.connectTcp("127.0.0.1", server.getLocalPort()));
    }

    @Test
    void optionsAreValidated() {
        Duration s = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new SocketOptions(Duration.ZERO, s, s, 1));
        assertThrows(IllegalArgumentException.class, () -> new SocketOptions(s, s.negated(), s, 1));
        assertThrows(IllegalArgumentException.class, () -> new SocketOptions(s, s, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new SocketOptions(s, s, s, 0));
        assertThrows(NullPointerException.class, () -> new SocketOptions(null, s, s, 1));
        assertEquals(new SocketOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(50), 16),
                SocketOptions.DEFAULT);
    }

    @Test
    void readResultShapes() {
        FramePayload p = text("a");
        assertSame(p, SocketReadResult.data(p).data());
        assertEquals(0, SocketReadResult.Kind.DATA.ordinal());
        assertEquals(1, SocketReadResult.Kind.EOF.ordinal());
        assertEquals(2, SocketReadResult.Kind.WOULD_BLOCK.ordinal());
        assertThrows(IllegalArgumentException.class, () -> new SocketReadResult(SocketReadResult.Kind.EOF, p));
        assertThrows(IllegalArgumentException.class, () -> new SocketReadResult(SocketReadResult.Kind.DATA, null));
        assertThrows(IllegalArgumentException.class, () -> SocketReadResult.data(FramePayload.EMPTY));
        assertTrue(Arrays.asList(SocketReadResult.Kind.values()).contains(SocketReadResult.eof().kind()));
    }
}
