package io.rapidbyte.postgres.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An in-memory transport that plays a scripted server: on every flush the
 * responder sees what the client sent since the last flush and returns the
 * bytes the "server" answers with. Reads hand out at most {@code readChunk}
 * bytes, to exercise message reassembly.
 */
final class FakeServer implements PgTransport {

    private final Function<byte[], byte[]> responder;
    private final int readChunk;
    private final ByteArrayOutputStream pendingOut = new ByteArrayOutputStream();
    final List<byte[]> flushedRequests = new ArrayList<>();
    private byte[] inbound = new byte[0];
    private int inPos;
    int readCalls;
    int writeCalls;
    boolean closed;
    RuntimeException failOnRead;

    FakeServer(int readChunk, Function<byte[], byte[]> responder) {
        this.readChunk = readChunk;
        this.responder = responder;
    }

    /** Adds server bytes without waiting for a request (e.g. data already in flight). */
    void push(byte[] bytes) {
        byte[] merged = new byte[inbound.length - inPos + bytes.length];
        System.arraycopy(inbound, inPos, merged, 0, inbound.length - inPos);
        System.arraycopy(bytes, 0, merged, inbound.length - inPos, bytes.length);
        inbound = merged;
        inPos = 0;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        readCalls++;
        if (failOnRead != null) {
            throw failOnRead;
        }
        if (inPos == inbound.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, readChunk), inbound.length - inPos);
        System.arraycopy(inbound, inPos, buf, off, n);
        inPos += n;
        return n;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
        writeCalls++;
        pendingOut.write(buf, off, len);
    }

    @Override
    public void flush() {
        byte[] req = pendingOut.toByteArray();
        pendingOut.reset();
        flushedRequests.add(req);
        byte[] reply = responder.apply(req);
        if (reply != null && reply.length > 0) {
            push(reply);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Builds backend messages. */
    static final class Msg {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private ByteArrayOutputStream body;
        private int type;

        Msg begin(char t) {
            end();
            type = t;
            body = new ByteArrayOutputStream();
            return this;
        }

        Msg int8(int v) {
            body.write(v);
            return this;
        }

        Msg int16(int v) {
            body.write(v >>> 8);
            body.write(v);
            return this;
        }

        Msg int32(int v) {
            body.write(v >>> 24);
            body.write(v >>> 16);
            body.write(v >>> 8);
            body.write(v);
            return this;
        }

        Msg bytes(byte[] b) {
            body.write(b, 0, b.length);
            return this;
        }

        Msg cstring(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            body.write(0);
            return this;
        }

        Msg authOk() {
            return begin('R').int32(0);
        }

        Msg ready(char status) {
            return begin('Z').int8(status);
        }

        Msg param(String k, String v) {
            return begin('S').cstring(k).cstring(v);
        }

        Msg keyData(int pid, int secret) {
            return begin('K').int32(pid).int32(secret);
        }

        Msg complete(String tag) {
            return begin('C').cstring(tag);
        }

        Msg error(String severity, String code, String message) {
            return begin('E').int8('S').cstring(severity).int8('V').cstring(severity).int8('C').cstring(code)
                    .int8('M').cstring(message).int8(0);
        }

        private void end() {
            if (body != null) {
                byte[] b = body.toByteArray();
                all.write(type);
                all.write((b.length + 4) >>> 24);
                all.write((b.length + 4) >>> 16);
                all.write((b.length + 4) >>> 8);
                all.write(b.length + 4);
                all.write(b, 0, b.length);
                body = null;
            }
        }

        byte[] build() {
            end();
            return all.toByteArray();
        }
    }

    static Msg msg() {
        return new Msg();
    }
}
