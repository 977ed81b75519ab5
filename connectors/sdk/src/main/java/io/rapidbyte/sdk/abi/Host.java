package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.TlsOptions;
import io.rapidbyte.sdk.TlsSession;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Typed wrappers over {@link HostImports}: each lowers its Java arguments, passes a fresh return
 * area from the {@link Arena}, lifts the result and throws {@link io.rapidbyte.sdk.ConnectorException}
 * for a host error. This is the only place that calls the raw imports.
 *
 * <p>Memory rules (see {@link Arena}): Java arrays handed to the host are addressed with
 * {@link LinearMemory#addressOf} only after every Java allocation for the call is done, because a
 * collection may move them; the host copies them before it calls back into the guest. Results are
 * copied out of the arena before the wrapper returns. Frame handles are {@code int} (non-zero);
 * socket handles are {@code long}. Not thread-safe (single-threaded guest).
 */
public final class Host {
    /** {@link #nextBatch()} result at end of input. */
    public static final long NO_FRAME = -1L;
    /** {@link #socketReadFrame} result at end of stream. */
    public static final long SOCKET_EOF = -1L;
    /** {@link #socketReadFrame} result when no data was available within the host's poll interval. */
    public static final long SOCKET_WOULD_BLOCK = -2L;

    private static final MemoryAccess MEMORY = LinearMemory.INSTANCE;
    private static final byte[] EMPTY = new byte[0];

    private Host() {
    }

    // ---- frames -------------------------------------------------------------------------------

    /** {@code frame-new}: a new writable frame; {@code capacity} is only a hint. */
    public static int frameNew(long capacity) {
        int ret = Arena.beginCall();
        HostImports.frameNew(capacity, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getInt(ret + 8);
    }

    /** {@code frame-write}: appends {@code data[offset..offset+length)}; returns the frame's new length. */
    public static long frameWrite(int frame, byte[] data, int offset, int length) {
        Bounds.check(data, offset, length);
        int ret = Arena.beginCall();
        HostImports.frameWrite(frame, LinearMemory.addressOf(data, offset), length, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getLong(ret + 8);
    }

    /** {@code frame-seal}. */
    public static void frameSeal(int frame) {
        int ret = Arena.beginCall();
        HostImports.frameSeal(frame, ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code frame-len}. */
    public static long frameLen(int frame) {
        int ret = Arena.beginCall();
        HostImports.frameLen(frame, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getLong(ret + 8);
    }

    /**
     * {@code frame-read} of exactly {@code length} bytes at {@code frameOffset} into
     * {@code target[targetOffset..]}. {@code length} must not exceed {@link Arena#maxChunk()}; use
     * {@link io.rapidbyte.sdk.Frame#read} for larger reads.
     */
    public static void frameRead(int frame, long frameOffset, byte[] target, int targetOffset, int length) {
        Bounds.check(target, targetOffset, length);
        if (length > Arena.maxChunk()) {
            throw new IllegalArgumentException("frame-read chunk " + length + " exceeds " + Arena.maxChunk());
        }
        int ret = Arena.beginCall();
        HostImports.frameRead(frame, frameOffset, length, ret);
        ImportResult.check(MEMORY, ret);
        int ptr = MEMORY.getInt(ret + 8);
        int got = MEMORY.getInt(ret + 12);
        if (got != length) {
            throw ConnectorError.internal("INVALID_HOST_RESULT", "frame-read returned " + (got & 0xFFFF_FFFFL)
                    + " bytes, asked for " + length).toException();
        }
        MEMORY.read(ptr, target, targetOffset, length);
    }

    /** {@code frame-drop}: releases the frame. */
    public static void frameDrop(int frame) {
        HostImports.frameDrop(frame);
    }

    /** {@code [resource-drop]frame}: the component model's own drop, same effect as {@link #frameDrop}. */
    public static void resourceDrop(int frame) {
        HostImports.resourceDropFrame(frame);
    }

    // ---- batch transport ----------------------------------------------------------------------

    /** {@code emit-batch}: hands a sealed frame downstream; the handle is consumed even on error. */
    public static void emitBatch(int frame) {
        int ret = Arena.beginCall();
        HostImports.emitBatch(frame, ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code next-batch}: a sealed frame handle (as unsigned) or {@link #NO_FRAME} at end of input. */
    public static long nextBatch() {
        int ret = Arena.beginCall();
        HostImports.nextBatch(ret);
        ImportResult.check(MEMORY, ret);
        if (MEMORY.getByte(ret + 8) == 0) {
            return NO_FRAME;
        }
        return MEMORY.getInt(ret + 12) & 0xFFFF_FFFFL;
    }

    // ---- sockets ------------------------------------------------------------------------------

    /** {@code connect-tcp}: a socket handle, if the host's allow-list permits {@code host:port}. */
    public static long connectTcp(String host, int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        byte[] name = utf8(host);
        int ret = Arena.beginCall();
        HostImports.connectTcp(LinearMemory.addressOf(name, 0), name.length, port, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getLong(ret + 8);
    }

    /**
     * {@code socket-read-frame}: a sealed frame with 1..{@code maxBytes} bytes (handle as unsigned),
     * {@link #SOCKET_EOF} or {@link #SOCKET_WOULD_BLOCK}.
     */
    public static long socketReadFrame(long socket, long maxBytes) {
        int ret = Arena.beginCall();
        HostImports.socketReadFrame(socket, maxBytes, ret);
        ImportResult.check(MEMORY, ret);
        int kind = MEMORY.getByte(ret + 8) & 0xFF;
        switch (kind) {
            case 0:
                return MEMORY.getInt(ret + 12) & 0xFFFF_FFFFL;
            case 1:
                return SOCKET_EOF;
            case 2:
                return SOCKET_WOULD_BLOCK;
            default:
                throw ConnectorError.internal("INVALID_HOST_RESULT", "socket-read-result tag " + kind).toException();
        }
    }

    /** {@code socket-write-frame}: writes a sealed frame and consumes it; returns the bytes written. */
    public static long socketWriteFrame(long socket, int frame) {
        int ret = Arena.beginCall();
        HostImports.socketWriteFrame(socket, frame, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getLong(ret + 8);
    }

    /** {@code socket-close}. */
    public static void socketClose(long socket) {
        HostImports.socketClose(socket);
    }

    /**
     * {@code socket-start-tls}: upgrades {@code socket} to TLS in place; afterwards its reads and
     * writes carry plaintext. On error the host has closed the socket.
     */
    public static TlsSession socketStartTls(long socket, TlsOptions options) {
        byte[] name = utf8(options.serverName());
        byte[] ca = options.caPem() == null ? EMPTY : utf8(options.caPem());
        byte[] cert = options.clientCertPem() == null ? EMPTY : utf8(options.clientCertPem());
        byte[] key = options.clientKeyPem() == null ? EMPTY : utf8(options.clientKeyPem());
        int count = options.alpn().size();
        byte[][] alpn = new byte[count][];
        for (int i = 0; i < count; i++) {
            alpn[i] = utf8(options.alpn().get(i));
        }
        // No Java allocation from here until the call: the arrays above must not move.
        int ret = Arena.beginCall();
        int list = count == 0 ? 4 : Arena.alloc(4, 8 * count);
        if (list == 0) {
            throw ConnectorError.internal("ARENA_EXHAUSTED", "ALPN list does not fit the guest arena").toException();
        }
        for (int i = 0; i < count; i++) {
            MEMORY.putInt(list + 8 * i, LinearMemory.addressOf(alpn[i], 0));
            MEMORY.putInt(list + 8 * i + 4, alpn[i].length);
        }
        HostImports.socketStartTls(socket, LinearMemory.addressOf(name, 0), name.length, options.verify().ordinal(),
                options.caPem() == null ? 0 : 1, LinearMemory.addressOf(ca, 0), ca.length,
                options.clientCertPem() == null ? 0 : 1, LinearMemory.addressOf(cert, 0), cert.length,
                options.clientKeyPem() == null ? 0 : 1, LinearMemory.addressOf(key, 0), key.length, list, count, ret);
        ImportResult.check(MEMORY, ret);
        String protocol = GuestStrings.load(MEMORY, MEMORY.getInt(ret + 8), MEMORY.getInt(ret + 12));
        String cipher = GuestStrings.load(MEMORY, MEMORY.getInt(ret + 16), MEMORY.getInt(ret + 20));
        String selected = MEMORY.getByte(ret + 24) == 0 ? null
                : GuestStrings.load(MEMORY, MEMORY.getInt(ret + 28), MEMORY.getInt(ret + 32));
        byte[] endPoint = GuestStrings.loadBytes(MEMORY, MEMORY.getInt(ret + 36), MEMORY.getInt(ret + 40));
        return new TlsSession(protocol, cipher, selected, endPoint);
    }

    // ---- control plane ------------------------------------------------------------------------

    /** {@code log}; {@code level} is the WIT discriminant (error=0 ... trace=4). */
    public static void log(int level, String message) {
        byte[] msg = utf8(message);
        HostImports.log(level, LinearMemory.addressOf(msg, 0), msg.length);
    }

    /** {@code checkpoint}; {@code kind} is the WIT discriminant (source=0, dest=1, transform=2). */
    public static void checkpoint(int kind, String payloadJson) {
        byte[] payload = utf8(payloadJson);
        int ret = Arena.beginCall();
        HostImports.checkpoint(kind, LinearMemory.addressOf(payload, 0), payload.length, ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code metric}. */
    public static void metric(String payloadJson) {
        byte[] payload = utf8(payloadJson);
        int ret = Arena.beginCall();
        HostImports.metric(LinearMemory.addressOf(payload, 0), payload.length, ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code emit-dlq-record}. */
    public static void emitDlqRecord(String stream, String recordJson, String errorMessage, String errorCategory) {
        byte[] s = utf8(stream);
        byte[] r = utf8(recordJson);
        byte[] m = utf8(errorMessage);
        byte[] c = utf8(errorCategory);
        int ret = Arena.beginCall();
        HostImports.emitDlqRecord(LinearMemory.addressOf(s, 0), s.length, LinearMemory.addressOf(r, 0), r.length,
                LinearMemory.addressOf(m, 0), m.length, LinearMemory.addressOf(c, 0), c.length, ret);
        ImportResult.check(MEMORY, ret);
    }

    /**
     * {@code emit-dlq-row}: sends the sealed frame {@code frame} (a one-row Arrow IPC stream) to
     * the dead-letter queue with its {@code row-error}; the handle is consumed even on error.
     * {@code column} may be null.
     */
    public static void emitDlqRow(int frame, String column, String code, String message) {
        byte[] col = column == null ? EMPTY : utf8(column);
        byte[] c = utf8(code);
        byte[] m = utf8(message);
        int ret = Arena.beginCall();
        HostImports.emitDlqRow(frame, column == null ? 0 : 1, LinearMemory.addressOf(col, 0), col.length,
                LinearMemory.addressOf(c, 0), c.length, LinearMemory.addressOf(m, 0), m.length, ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code state-get}: the value, or null when the key is absent. {@code scope}: pipeline=0, stream=1, connector=2. */
    public static String stateGet(int scope, String key) {
        byte[] k = utf8(key);
        int ret = Arena.beginCall();
        HostImports.stateGet(scope, LinearMemory.addressOf(k, 0), k.length, ret);
        ImportResult.check(MEMORY, ret);
        if (MEMORY.getByte(ret + 8) == 0) {
            return null;
        }
        return GuestStrings.load(MEMORY, MEMORY.getInt(ret + 12), MEMORY.getInt(ret + 16));
    }

    /** {@code state-put}. */
    public static void statePut(int scope, String key, String value) {
        byte[] k = utf8(key);
        byte[] v = utf8(value);
        int ret = Arena.beginCall();
        HostImports.statePut(scope, LinearMemory.addressOf(k, 0), k.length, LinearMemory.addressOf(v, 0), v.length,
                ret);
        ImportResult.check(MEMORY, ret);
    }

    /** {@code state-cas}: writes {@code newValue} if the current value equals {@code expected} (null = absent). */
    public static boolean stateCas(int scope, String key, String expected, String newValue) {
        byte[] k = utf8(key);
        byte[] e = expected == null ? EMPTY : utf8(expected);
        byte[] n = utf8(newValue);
        int ret = Arena.beginCall();
        HostImports.stateCas(scope, LinearMemory.addressOf(k, 0), k.length, expected == null ? 0 : 1,
                LinearMemory.addressOf(e, 0), e.length, LinearMemory.addressOf(n, 0), n.length, ret);
        ImportResult.check(MEMORY, ret);
        return MEMORY.getByte(ret + 8) != 0;
    }

    /** {@code durable-checkpoint}: the durable checkpoint payload of the current stream, or null for none. */
    public static String durableCheckpoint() {
        int ret = Arena.beginCall();
        HostImports.durableCheckpoint(ret);
        ImportResult.check(MEMORY, ret);
        if (MEMORY.getByte(ret + 8) == 0) {
            return null;
        }
        return GuestStrings.load(MEMORY, MEMORY.getInt(ret + 12), MEMORY.getInt(ret + 16));
    }

    private static byte[] utf8(String value) {
        if (value == null) {
            throw new NullPointerException("string argument");
        }
        return Utf8.encode(value);
    }
}
