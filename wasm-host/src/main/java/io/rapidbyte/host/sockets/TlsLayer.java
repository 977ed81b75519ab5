package io.rapidbyte.host.sockets;

import io.rapidbyte.host.frames.CopyCounter;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The JDK's {@link SSLEngine} over one {@link TcpConnection}'s non-blocking channel: the handshake,
 * then plaintext reads and writes. Ciphertext never leaves the host; a read decrypts straight into
 * the caller's buffer when a whole record fits (no copy), otherwise into a staging buffer whose
 * hand-over is counted as an internal copy. TLS 1.2 and 1.3 only. Confined to the instance thread.
 */
final class TlsLayer {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /** Records encrypted before one channel write (about 135 KiB). */
    private static final int SEND_RECORDS = 8;

    private final TcpConnection net;
    private final SSLEngine engine;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;

    private TlsLayer(TcpConnection net, SSLEngine engine) {
        this.net = net;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(SEND_RECORDS * packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** An engine for {@code options}, not yet handshaking; {@code check} records why it refused a server. */
    static SSLEngine engine(TlsOptions options, ServerCertificateCheck check) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(options), new TrustManager[] {check}, new SecureRandom());
        SSLEngine engine = context.createSSLEngine(options.serverName(), -1);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(PROTOCOLS);
        if (IpLiterals.parse(NetworkAcl.normalizeHost(options.serverName())) == null) {
            try {
                params.setServerNames(List.of(new SNIHostName(options.serverName())));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (e.g. with an underscore): connect without SNI
            }
        }
        if (options.verify() == TlsVerify.FULL) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!options.alpn().isEmpty()) {
            params.setApplicationProtocols(options.alpn().toArray(new String[0]));
        }
        engine.setSSLParameters(params);
        return engine;
    }

    /** Runs the handshake to completion by {@code deadlineNanos}. */
    static TlsLayer handshake(TcpConnection net, SSLEngine engine, long deadlineNanos) throws IOException {
        TlsLayer tls = new TlsLayer(net, engine);
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> tls.wrapAndSend(EMPTY, deadlineNanos - System.nanoTime());
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> tls.unwrapDuringHandshake(deadlineNanos);
                case NEED_TASK -> runTasks(engine);
                case FINISHED, NOT_HANDSHAKING -> {
                    return tls;
                }
                default -> throw new SSLException("unexpected handshake status " + engine.getHandshakeStatus());
            }
        }
    }

    /** What the handshake established. */
    TlsSession session() throws IOException {
        Certificate[] peer = engine.getSession().getPeerCertificates();
        String alpn = engine.getApplicationProtocol();
        return new TlsSession(engine.getSession().getProtocol(), engine.getSession().getCipherSuite(),
                alpn == null || alpn.isEmpty() ? null : alpn, serverEndPoint((X509Certificate) peer[0]));
    }

    /** The smallest caller buffer a record always decrypts into without staging. */
    int applicationBufferSize() {
        return engine.getSession().getApplicationBufferSize();
    }

    /**
     * Plaintext into {@code dst}: bytes read, 0 when no whole record has arrived yet, -1 at the end.
     * Decrypts every whole record already received while {@code dst} has room for one (so a bulk
     * transfer fills large frames, as plaintext reads do), but never waits.
     *
     * @param timeoutNanos bound on sending a post-handshake answer (TLS 1.3 key update)
     */
    int read(ByteBuffer dst, CopyCounter copies, long timeoutNanos) throws IOException {
        int total = 0;
        if (appIn.position() > 0) {
            total = drainStaged(dst, copies);
            if (appIn.position() > 0 || !dst.hasRemaining()) {
                return total;
            }
        }
        while (true) {
            boolean direct = dst.remaining() >= applicationBufferSize();
            if (!direct && total > 0) {
                return total; // staging would only split a record across two reads
            }
            ByteBuffer target = direct ? dst : appIn;
            int before = target.position();
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, target);
            netIn.compact();
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTasks(engine);
            }
            switch (r.getStatus()) {
                case OK -> {
                    if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                        wrapAndSend(EMPTY, timeoutNanos); // post-handshake message (key update)
                    }
                    int produced = target.position() - before;
                    if (produced > 0 && !direct) {
                        return drainStaged(dst, copies);
                    }
                    total += produced;
                }
                case BUFFER_UNDERFLOW -> {
                    netIn = ensureRoom(netIn, engine.getSession().getPacketBufferSize());
                    int n = net.readRaw(netIn);
                    if (n <= 0) {
                        return total > 0 ? total : n;
                    }
                }
                case BUFFER_OVERFLOW -> {
                    if (total > 0) {
                        return total;
                    }
                    appIn = ensureRoom(appIn, applicationBufferSize());
                }
                case CLOSED -> {
                    return total > 0 ? total : -1;
                }
                default -> throw new SSLException("unexpected unwrap status " + r.getStatus());
            }
        }
    }

    /**
     * Encrypts and sends all of {@code src}: as many records as fit the send buffer go out in one
     * channel write. Fails when the channel makes no progress for {@code timeoutNanos}.
     */
    void write(ByteBuffer src, long timeoutNanos) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        while (src.hasRemaining()) {
            netOut.clear();
            while (src.hasRemaining() && netOut.remaining() >= packet) {
                SSLEngineResult r = engine.wrap(src, netOut);
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("the TLS session is closed");
                }
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    throw new SSLException("unexpected wrap status " + r.getStatus());
                }
                if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    runTasks(engine);
                }
            }
            netOut.flip();
            net.writeFully(netOut, timeoutNanos);
        }
    }

    /** Sends close_notify (best effort, no waiting). */
    void closeQuietly() {
        try {
            engine.closeOutbound();
            netOut.clear();
            engine.wrap(EMPTY, netOut);
            netOut.flip();
            net.writeRawNow(netOut);
        } catch (IOException | RuntimeException ignored) {
            // the connection is being closed either way
        }
    }

    private void wrapAndSend(ByteBuffer src, long timeoutNanos) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r = engine.wrap(src, netOut);
            switch (r.getStatus()) {
                case OK -> {
                    netOut.flip();
                    net.writeFully(netOut, timeoutNanos);
                    if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                        runTasks(engine);
                    }
                    return;
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                case CLOSED -> throw new SSLException("the TLS session is closed");
                default -> throw new SSLException("unexpected wrap status " + r.getStatus());
            }
        }
    }

    private void unwrapDuringHandshake(long deadlineNanos) throws IOException {
        netIn.flip();
        SSLEngineResult r = engine.unwrap(netIn, appIn);
        netIn.compact();
        switch (r.getStatus()) {
            case OK -> { }
            case BUFFER_UNDERFLOW -> {
                netIn = ensureRoom(netIn, engine.getSession().getPacketBufferSize());
                int n = net.readRaw(netIn);
                if (n < 0) {
                    throw new EOFException("the server closed the connection during the TLS handshake");
                }
                if (n == 0) {
                    long remaining = deadlineNanos - System.nanoTime();
                    if (remaining <= 0) {
                        throw new SocketTimeoutException("TLS handshake did not complete within the connect timeout");
                    }
                    net.awaitReadable(remaining);
                }
            }
            case BUFFER_OVERFLOW -> appIn = ensureRoom(appIn, applicationBufferSize());
            case CLOSED -> throw new SSLException("the server closed the TLS session during the handshake");
            default -> throw new SSLException("unexpected unwrap status " + r.getStatus());
        }
    }

    private int drainStaged(ByteBuffer dst, CopyCounter copies) {
        appIn.flip();
        int n = Math.min(appIn.remaining(), dst.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), n);
        dst.put(slice);
        appIn.position(appIn.position() + n);
        appIn.compact();
        copies.addInternal(n);
        return n;
    }

    private static ByteBuffer ensureRoom(ByteBuffer b, int room) {
        if (b.remaining() >= room) {
            return b;
        }
        ByteBuffer bigger = ByteBuffer.allocate(b.position() + room);
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private static void runTasks(SSLEngine engine) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static KeyManager[] keyManagers(TlsOptions options) throws GeneralSecurityException {
        if (options.clientCertPem() == null && options.clientKeyPem() == null) {
            return null;
        }
        if (options.clientCertPem() == null || options.clientKeyPem() == null) {
            throw new GeneralSecurityException("a client certificate (client-cert-pem) needs its key (client-key-pem) and vice versa");
        }
        List<X509Certificate> chain = PemMaterial.certificates(options.clientCertPem(), "the client certificate (client-cert-pem)");
        PrivateKey key = PemMaterial.privateKey(options.clientKeyPem(), "the client key (client-key-pem)");
        PemMaterial.checkPair(key, chain.get(0), "the client key (client-key-pem) does not fit the client certificate (client-cert-pem)");
        char[] password = "in-memory".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        try {
            store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException("the client key (client-key-pem) does not fit the client certificate (client-cert-pem)");
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** RFC 5929 section 4.1: the certificate's signature hash, MD5 and SHA-1 upgraded to SHA-256. */
    static byte[] serverEndPoint(X509Certificate certificate) throws IOException {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        String digest;
        if (algorithm.startsWith("SHA384")) {
            digest = "SHA-384";
        } else if (algorithm.startsWith("SHA512")) {
            digest = "SHA-512";
        } else if (algorithm.startsWith("SHA224")) {
            digest = "SHA-224";
        } else if (algorithm.startsWith("SHA256") || algorithm.startsWith("SHA1") || algorithm.startsWith("MD5")) {
            digest = "SHA-256";
        } else {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance(digest).digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot hash the server certificate", e);
        }
    }
}
