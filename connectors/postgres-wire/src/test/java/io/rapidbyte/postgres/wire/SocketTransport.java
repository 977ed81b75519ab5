package io.rapidbyte.postgres.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** JVM test transport over a plain TCP socket; counts calls so tests can check buffering. */
final class SocketTransport implements PgTransport {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    long readCalls;
    long writeCalls;
    long bytesRead;

    SocketTransport(String host, int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new PgTransportException("connect to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        readCalls++;
        try {
            int n = in.read(buf, off, len);
            if (n > 0) {
                bytesRead += n;
            }
            return n;
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    /** Waits at most 50 ms for data, as the host's socket poll interval does. */
    @Override
    public int readAvailable(byte[] buf, int off, int len) {
        try {
            socket.setSoTimeout(50);
            try {
                return read(buf, off, len);
            } finally {
                socket.setSoTimeout(60_000);
            }
        } catch (PgTransportException e) {
            if (e.getCause() instanceof java.net.SocketTimeoutException) {
                return 0;
            }
            throw e;
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        writeCalls++;
        try {
            out.write(buf, off, len);
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new PgTransportException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // test transport
        }
    }
}
