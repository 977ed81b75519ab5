package io.rapidbyte.testguests.probe;

import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.sdk.Frame;
import io.rapidbyte.sdk.SocketStream;
import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;

/** Probe ops on raw socket handles: one host call per op, no retry, so would-block is visible. */
final class SocketOps {
    private final Registers registers;

    SocketOps(Registers registers) {
        this.registers = registers;
    }

    /** {@code connect-tcp {host, port, as}} → the socket handle. */
    Object connect(JsonObject op) {
        long socket = Host.connectTcp(op.getString("host"), op.getInt("port"));
        registers.store(op, socket);
        return socket;
    }

    /** {@code socket-write {socket, text}}: through a sealed frame and socket-write-frame → bytes written. */
    Object write(JsonObject op) {
        long socket = registers.socket(op);
        byte[] data = Utf8.encode(op.getString("text"));
        Frame frame = Frame.sealed(data, 0, data.length);
        int handle = frame.handle();
        return Host.socketWriteFrame(socket, handle);
    }

    /** {@code socket-read {socket, len}} → {@code {"kind":"data","text"}}, {@code {"kind":"eof"}} or would-block. */
    Object read(JsonObject op) {
        long result = Host.socketReadFrame(registers.socket(op), op.getLong("len"));
        if (result == Host.SOCKET_EOF) {
            return Json.object().with("kind", "eof");
        }
        if (result == Host.SOCKET_WOULD_BLOCK) {
            return Json.object().with("kind", "would-block");
        }
        try (Frame frame = Frame.adopt((int) result)) {
            byte[] bytes = frame.readAll();
            return Json.object().with("kind", "data").with("text", Utf8.decode(bytes, 0, bytes.length));
        }
    }

    /**
     * {@code socket-echo {host, port, text}}: through the SDK's {@link SocketStream}: connect, write
     * and flush {@code text}, read back as many bytes (retrying would-block), close → the text read.
     */
    Object echo(JsonObject op) {
        byte[] data = Utf8.encode(op.getString("text"));
        try (SocketStream stream = SocketStream.connect(op.getString("host"), op.getInt("port"))) {
            stream.output().write(data);
            stream.output().flush();
            byte[] back = new byte[data.length];
            return Utf8.decode(back, 0, readFully(stream.input(), back));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads until {@code target} is full or the stream ends; returns the bytes read. Kept out of
     * the try-with-resources above on purpose: TeaVM 0.13.1 (ADVANCED/FULL) emits an invalid wasm
     * function for a loop with {@code break} inside a try block.
     */
    private static int readFully(InputStream in, byte[] target) throws IOException {
        int done = 0;
        int n = 0;
        while (done < target.length && n >= 0) {
            n = in.read(target, done, target.length - done);
            if (n > 0) {
                done += n;
            }
        }
        return done;
    }

    Object close(JsonObject op) {
        Host.socketClose(registers.socket(op));
        return null;
    }
}
