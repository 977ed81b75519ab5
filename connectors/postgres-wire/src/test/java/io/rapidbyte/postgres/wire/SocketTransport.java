package io.rapidbyte.postgres.wire;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * JVM test transport over a plain TCP socket that {@link #startTls} can upgrade in place (as the
 * host does for a guest); counts calls so tests can check buffering.
 */
final class SocketTransport implements PgTransport {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    long readCalls;
    long writeCalls;
    long bytesRead;

    SocketTransport(String host, int port) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            use(socket);
        } catch (IOException e) {
            throw new PgTransportException("connect to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    /**
     * The TLS handshake with the JDK on this socket (nothing may be buffered); returns the
     * RFC 5929 {@code tls-server-end-point} data for a certificate signed with SHA-256.
     */
    byte[] startTls(SSLContext context) throws IOException, GeneralSecurityException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.startHandshake();
        use(tls);
        X509Certificate leaf = (X509Certificate) tls.getSession().getPeerCertificates()[0];
        return MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded());
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
