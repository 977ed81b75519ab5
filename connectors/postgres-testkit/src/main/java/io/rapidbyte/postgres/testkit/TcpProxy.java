package io.rapidbyte.postgres.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in this JVM, between clients and one server, that can cut every open
 * connection at once ({@link #cutAll()}: both sockets reset, as a failing network or a middlebox
 * would), while new connections keep being accepted, or once a given amount of data has gone
 * upstream ({@link #cutAfterUpstream}: the client is then in the middle of sending), and can
 * stand for a slow network ({@link #limitBandwidth}). Each connection is relayed by two daemon
 * threads. Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int BUFFER = 64 * 1024;

    private final String name;
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final Budget upstream = new Budget();
    private final Budget downstream = new Budget();
    /** Upstream bytes still to pass before {@link #cutAll()}; negative when no cut is armed. */
    private final AtomicLong upstreamUntilCut = new AtomicLong(-1);
    private volatile boolean closed;

    /**
     * Bytes per second that may pass in one direction, shared by all connections (0: no limit).
     * A sender that overdraws it waits until the debt is paid; at most one second's worth builds
     * up while the link is idle.
     */
    private static final class Budget {
        private long rate;
        private double tokens;
        private long lastNanos = System.nanoTime();

        synchronized void set(long bytesPerSecond) {
            rate = bytesPerSecond;
            tokens = 0;
            lastNanos = System.nanoTime();
        }

        void take(int bytes) throws InterruptedException {
            long waitNanos;
            synchronized (this) {
                if (rate <= 0) {
                    return;
                }
                long now = System.nanoTime();
                tokens = Math.min(rate, tokens + (now - lastNanos) * (double) rate / 1e9);
                lastNanos = now;
                tokens -= bytes;
                waitNanos = tokens >= 0 ? 0 : (long) (-tokens * 1e9 / rate);
            }
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
        }
    }

    /** One relayed connection: the client's socket and ours to the server. */
    private static final class Link {
        final Socket client;
        final Socket server;
        private final AtomicInteger openDirections = new AtomicInteger(2);

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void reset() {
            resetQuietly(client);
            resetQuietly(server);
        }

        /** One direction reached its end of stream; true when it was the last one. */
        boolean directionEnded() {
            return openDirections.decrementAndGet() == 0;
        }
    }

    /**
     * Listens on {@code listenPort} (0: any free port) and relays to {@code targetPort}, both on
     * 127.0.0.1.
     */
    public TcpProxy(String name, int listenPort, int targetPort) {
        this.name = name;
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
        } catch (IOException e) {
            throw new UncheckedIOException("proxy " + name + " cannot listen on port " + listenPort, e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "proxy-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since the start. */
    public long accepted() {
        return accepted.get();
    }

    /**
     * Lets at most {@code bytesPerSecond} through in each direction, over all connections together
     * (0 lifts the limit); applies to open connections too.
     */
    public void limitBandwidth(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bandwidth must be 0 (unlimited) or positive, got " + bytesPerSecond);
        }
        upstream.set(bytesPerSecond);
        downstream.set(bytesPerSecond);
    }

    /**
     * Arms a one-time cut: once {@code bytes} more bytes have arrived from clients (all
     * connections together), every open connection is reset before those bytes are passed on.
     */
    public void cutAfterUpstream(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        upstreamUntilCut.set(bytes);
    }

    /** Resets every open connection; returns how many there were. */
    public int cutAll() {
        int n = 0;
        for (Link link : links) {
            if (links.remove(link)) {
                link.reset();
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        cutAll();
    }

    @Override
    public String toString() {
        return "proxy " + name + " 127.0.0.1:" + port() + " -> " + target.getPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            Socket server = new Socket();
            try {
                server.connect(target, 10_000);
            } catch (IOException e) {
                // The server is down (being restarted): the client sees its connection refused-like reset.
                resetQuietly(client);
                resetQuietly(server);
                continue;
            }
            Link link = new Link(client, server);
            links.add(link);
            pump(link, client, server, "up", upstream, true);
            pump(link, server, client, "down", downstream, false);
        }
    }

    private void pump(Link link, Socket from, Socket to, String direction, Budget budget, boolean armedCutApplies) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[BUFFER];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (armedCutApplies && reachesArmedCut(n)) {
                        cutAll();
                        return;
                    }
                    budget.take(n);
                    out.write(buf, 0, n);
                }
                // Orderly end from this side: pass the FIN on, keep the other direction open.
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // Reset or cut: end both directions.
                if (links.remove(link)) {
                    link.reset();
                }
                return;
            }
            if (link.directionEnded() && links.remove(link)) {
                closeQuietly(link.client);
                closeQuietly(link.server);
            }
        }, "proxy-" + name + "-" + direction);
        t.setDaemon(true);
        t.start();
    }

    /** Counts {@code n} upstream bytes against an armed cut; true (and disarmed) when they pass it. */
    private boolean reachesArmedCut(int n) {
        while (true) {
            long left = upstreamUntilCut.get();
            if (left < 0) {
                return false;
            }
            long after = left - n;
            if (upstreamUntilCut.compareAndSet(left, after < 0 ? -1 : after)) {
                return after < 0;
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void resetQuietly(Socket s) {
        try {
            if (!s.isClosed()) {
                s.setSoLinger(true, 0); // close() now sends RST, not FIN
            }
        } catch (SocketException e) {
            // not connected: plain close
        }
        closeQuietly(s);
    }
}
