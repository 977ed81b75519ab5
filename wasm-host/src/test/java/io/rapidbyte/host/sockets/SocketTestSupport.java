package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.BufferPool;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared fixture: a loopback server, tables that are closed after each test, read helpers. */
@Timeout(60)
abstract class SocketTestSupport {
    static final NetworkAcl LOOPBACK = NetworkAcl.of(List.of("127.0.0.0/8"));
    static final SocketOptions FAST = new SocketOptions(
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMillis(20), 4);

    final CopyCounter copies = new CopyCounter();
    final List<AutoCloseable> cleanup = new ArrayList<>();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        for (AutoCloseable c : cleanup) {
            c.close();
        }
    }

    ServerSocket server() throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        s.setSoTimeout(10_000);
        cleanup.add(s);
        return s;
    }

    Socket accept(ServerSocket s) throws IOException {
        Socket peer = s.accept();
        cleanup.add(peer);
        return peer;
    }

    SocketTable table(NetworkAcl acl, SocketOptions options) {
        SocketTable t = new SocketTable(acl, options, copies);
        cleanup.add(t::close);
        return t;
    }

    SocketTable table(NetworkAcl acl, SocketTable.Resolver resolver) {
        SocketTable t = new SocketTable(acl, FAST, copies, new BufferPool(0), resolver);
        cleanup.add(t::close);
        return t;
    }

    static ConnectorError assertError(String code, Executable call) {
        ConnectorException e = assertThrows(ConnectorException.class, call);
        assertEquals(code, e.error().code(), e.error().message());
        return e.error();
    }

    static FramePayload text(String s) {
        return FramePayload.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads until {@code n} bytes arrived, tolerating would-blocks (bounded by the read timeout). */
    static byte[] readBytes(SocketTable t, long h, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < n) {
            SocketReadResult r = t.read(h, n - out.size());
            assertFalse(r.kind() == SocketReadResult.Kind.EOF, "unexpected EOF after " + out.size() + " bytes");
            if (r.kind() == SocketReadResult.Kind.DATA) {
                out.write(r.data().array(), r.data().offset(), r.data().length());
            }
        }
        return out.toByteArray();
    }

    /** Reads until something other than would-block happens. */
    static SocketReadResult readSomething(SocketTable t, long h, long maxLen) {
        SocketReadResult r;
        do {
            r = t.read(h, maxLen);
        } while (r.kind() == SocketReadResult.Kind.WOULD_BLOCK);
        return r;
    }
}
