package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostImports.function;
import static io.rapidbyte.host.imports.HostImports.i32;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import io.rapidbyte.host.sockets.SocketReadResult;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.List;

/**
 * Socket host functions: {@code connect-tcp}, {@code socket-read-frame},
 * {@code socket-write-frame}, {@code socket-close}. Socket bytes only cross the boundary as
 * frames: a read becomes a new sealed frame (no copy into guest memory until
 * {@code frame-read}); a write consumes a sealed frame. Both frames' arrays are reused by the
 * instance once the guest and the socket are done with them ({@code FrameTable#buffers()}).
 */
final class SocketImports {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private final HostContext ctx;
    private final GuestBinding guest;

    SocketImports(HostContext ctx, GuestBinding guest) {
        this.ctx = ctx;
        this.guest = guest;
    }

    List<HostFunction> functions() {
        return List.of(
                function(guest, "connect-tcp", List.of(I32, I32, I32, I32),
                        (inst, a) -> connect(i32(a[0]), i32(a[1]), i32(a[2]), i32(a[3]))),
                function(guest, "socket-read-frame", List.of(I64, I64, I32), (inst, a) -> read(a[0], a[1], i32(a[2]))),
                function(guest, "socket-write-frame", List.of(I64, I32, I32), (inst, a) -> write(a[0], i32(a[1]), i32(a[2]))),
                function(guest, "socket-close", List.of(I64), (inst, a) -> close(a[0])));
    }

    private long[] connect(int hostPtr, int hostLen, int port, int retptr) {
        return HostCalls.withResult("connect-tcp", guest, retptr, out -> {
            String host = guest.memory().readString(hostPtr, hostLen);
            // port is a u16 lowered to i32: only the low 16 bits are meaningful.
            out.okU64(ctx.sockets().connectTcp(host, port & 0xFFFF));
        });
    }

    private long[] read(long socket, long len, int retptr) {
        return HostCalls.withResult("socket-read-frame", guest, retptr, out -> {
            SocketReadResult result = ctx.sockets().read(socket, len);
            // The receive buffer is the frame's alone: it is reused once the guest drops the frame.
            int frame = result.kind() == SocketReadResult.Kind.DATA ? ctx.frames().adoptOwned(result.data()) : 0;
            out.okVariant(result.kind().ordinal(), frame);
        });
    }

    private long[] write(long socket, int frame, int retptr) {
        return HostCalls.withResult("socket-write-frame", guest, retptr, out -> {
            // own<frame>: consumed before anything else can fail. The socket is done with the
            // bytes when write returns, so the frame's array can serve the next written frame.
            out.okU64(ctx.frames().consumeTransiently(frame, payload -> ctx.sockets().write(socket, payload)));
        });
    }

    /**
     * No result. Unlike a frame, a socket is a plain u64, not a resource, so closing one that
     * is unknown or already closed is a no-op (close-in-finally patterns stay harmless).
     */
    private long[] close(long socket) {
        return HostCalls.withoutResult("socket-close", () -> {
            try {
                ctx.sockets().closeSocket(socket);
            } catch (ConnectorException e) {
                if (!ErrorCodes.INVALID_SOCKET_HANDLE.equals(e.error().code())) {
                    throw e;
                }
            }
        });
    }
}
