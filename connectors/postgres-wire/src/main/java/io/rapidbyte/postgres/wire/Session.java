package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.sdk.text.Utf8;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol state of one connection: the message reader and writer, the
 * parameters the server reported, the backend key, the transaction status, and
 * whether the stream is still trustworthy. {@link #next()} absorbs the messages
 * the server may send at any time (ParameterStatus, NoticeResponse,
 * NotificationResponse) so the operations only see the ones they asked for.
 *
 * <p>Owned by one {@link PgConnection}; not thread-safe.
 */
final class Session {

    final MessageReader in;
    final MessageWriter out;
    private final PgTransport transport;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private NoticeListener noticeListener;
    private int backendPid;
    private int backendSecret;
    private TransactionStatus txStatus = TransactionStatus.UNKNOWN;
    private boolean broken;
    private boolean closed;
    /** Set while a COPY stream owns the connection. */
    Object activeOperation;

    Session(PgTransport transport, int readBufferSize) {
        this.transport = transport;
        this.in = new MessageReader(transport, readBufferSize);
        this.out = new MessageWriter(transport);
    }

    /** Next message that is not asynchronous; failures mark the session broken. */
    int next() throws PgException {
        while (true) {
            int type;
            try {
                type = in.next();
            } catch (PgException e) {
                broken = true;
                throw e;
            }
            if (!absorbed(type)) {
                return type;
            }
        }
    }

    /**
     * The next message that is not asynchronous if one is there or arrives within one short
     * transport wait, else -1; failures mark the session broken.
     */
    int poll() throws PgException {
        while (true) {
            int type;
            try {
                type = in.poll();
            } catch (PgException e) {
                broken = true;
                throw e;
            }
            if (!absorbed(type)) {
                return type;
            }
        }
    }

    /** Handles a message the server may send at any time; false for any other. */
    private boolean absorbed(int type) throws PgException {
        switch (type) {
            case 'S':
                onParameterStatus();
                return true;
            case 'N':
                onNotice();
                return true;
            case 'A':
                return true; // LISTEN/NOTIFY is not used by the connectors
            default:
                return false;
        }
    }

    /** Sends buffered messages; failures mark the session broken. */
    void flush() throws PgException {
        try {
            out.flush();
        } catch (PgException e) {
            broken = true;
            throw e;
        }
    }

    /** Parses an ErrorResponse in the current message and marks FATAL errors as ending the session. */
    PgException errorFromCurrent() throws PgException {
        PgServerMessage m = parseFields();
        PgException e = PgException.fromServer(m);
        if (e.connectionBroken()) {
            broken = true;
        }
        return e;
    }

    void onReadyForQuery() throws PgException {
        if (in.bodyLength() != 1) {
            throw protocolViolation("ReadyForQuery with " + in.bodyLength() + " byte body");
        }
        txStatus = TransactionStatus.fromIndicator(in.buffer()[in.bodyOffset()]);
    }

    void onBackendKeyData() throws PgException {
        if (in.bodyLength() < 8) {
            throw protocolViolation("short BackendKeyData");
        }
        backendPid = BigEndian.int32(in.buffer(), in.bodyOffset());
        backendSecret = BigEndian.int32(in.buffer(), in.bodyOffset() + 4);
    }

    /** Marks the session broken and returns the exception to throw. */
    PgException protocolViolation(String what) {
        broken = true;
        return PgException.protocolViolation(what);
    }

    PgException unexpected(int type, String during) {
        return protocolViolation("unexpected message '" + (char) type + "' during " + during);
    }

    private void onParameterStatus() throws PgException {
        byte[] b = in.buffer();
        int p = in.bodyOffset();
        int end = p + in.bodyLength();
        int z1 = indexOfZero(b, p, end);
        int z2 = z1 < 0 ? -1 : indexOfZero(b, z1 + 1, end);
        if (z2 < 0) {
            throw protocolViolation("malformed ParameterStatus");
        }
        parameters.put(Utf8.decode(b, p, z1 - p), Utf8.decode(b, z1 + 1, z2 - z1 - 1));
    }

    private void onNotice() throws PgException {
        PgServerMessage m = parseFields();
        NoticeListener l = noticeListener;
        if (l != null) {
            l.onNotice(m);
        }
    }

    private PgServerMessage parseFields() throws PgException {
        try {
            return PgServerMessage.parse(in.buffer(), in.bodyOffset(), in.bodyLength());
        } catch (IllegalArgumentException e) {
            throw protocolViolation(e.getMessage());
        }
    }

    static int indexOfZero(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    String parameter(String name) {
        return parameters.get(name);
    }

    void setNoticeListener(NoticeListener l) {
        noticeListener = l;
    }

    int backendPid() {
        return backendPid;
    }

    int backendSecret() {
        return backendSecret;
    }

    TransactionStatus txStatus() {
        return closed ? TransactionStatus.UNKNOWN : txStatus;
    }

    boolean isBroken() {
        return broken;
    }

    void markBroken() {
        broken = true;
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends Terminate if the stream is still sane, then closes the transport. Never throws. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!broken) {
            try {
                out.discard();
                out.begin('X');
                out.end();
                out.flush();
            } catch (PgException | RuntimeException ignored) {
                // The peer may already be gone; closing is all that is left to do.
            }
        }
        try {
            transport.close();
        } catch (RuntimeException ignored) {
            // Nothing useful to report from a failed close.
        }
    }
}
