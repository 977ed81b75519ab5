package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostImports.function;
import static io.rapidbyte.host.imports.HostImports.i32;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import io.rapidbyte.host.abi.GuestMemory;
import io.rapidbyte.host.abi.GuestSlice;
import io.rapidbyte.host.frames.ChunkSource;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import java.util.List;

/**
 * Host functions for frames and batch transport: {@code frame-*}, {@code [resource-drop]frame},
 * {@code emit-batch}, {@code next-batch} (ABI.md section 3).
 *
 * <p>Copies: {@code frame-write} copies the chunk out of guest memory once (guest→host), into
 * the array the frame table picks (a reused one of exactly the chunk's size, or a new one); {@code frame-read} copies a view of the frame into
 * guest memory once (host→guest). Both are counted in the context's copy counter. Batches move
 * between stages as {@link FramePayload}s without copying.
 */
final class FrameImports {
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    private final HostContext ctx;
    private final GuestBinding guest;

    FrameImports(HostContext ctx, GuestBinding guest) {
        this.ctx = ctx;
        this.guest = guest;
    }

    List<HostFunction> functions() {
        return List.of(
                function(guest, "frame-new", List.of(I64, I32), (inst, a) -> frameNew(a[0], i32(a[1]))),
                function(guest, "frame-write", List.of(I32, I32, I32, I32),
                        (inst, a) -> frameWrite(i32(a[0]), i32(a[1]), i32(a[2]), i32(a[3]))),
                function(guest, "frame-seal", List.of(I32, I32), (inst, a) -> frameSeal(i32(a[0]), i32(a[1]))),
                function(guest, "frame-len", List.of(I32, I32), (inst, a) -> frameLen(i32(a[0]), i32(a[1]))),
                function(guest, "frame-read", List.of(I32, I64, I64, I32),
                        (inst, a) -> frameRead(i32(a[0]), a[1], a[2], i32(a[3]))),
                function(guest, "frame-drop", List.of(I32), (inst, a) -> drop("frame-drop", i32(a[0]))),
                function(guest, "[resource-drop]frame", List.of(I32),
                        (inst, a) -> drop("[resource-drop]frame", i32(a[0]))),
                function(guest, "emit-batch", List.of(I32, I32), (inst, a) -> emitBatch(i32(a[0]), i32(a[1]))),
                function(guest, "next-batch", List.of(I32), (inst, a) -> nextBatch(i32(a[0]))));
    }

    private long[] frameNew(long capacity, int retptr) {
        return HostCalls.withResult("frame-new", guest, retptr,
                out -> out.okI32(ctx.frames().frameNew(capacity)));
    }

    private long[] frameWrite(int handle, int ptr, int len, int retptr) {
        return HostCalls.withResult("frame-write", guest, retptr, out -> {
            GuestMemory memory = guest.memory();
            memory.checkRange(ptr, Integer.toUnsignedLong(len));
            out.okU64(ctx.frames().frameWrite(handle, new GuestChunk(memory, ptr, len)));
            ctx.copies().addGuestToHost(len);
        });
    }

    /** {@code frame-write}'s bytes, still in guest memory until the frame table says where they go. */
    private record GuestChunk(GuestMemory memory, int ptr, int length) implements ChunkSource {
        @Override
        public void copyInto(byte[] target, int offset) {
            memory.readInto(ptr, length, target, offset);
        }

        @Override
        public byte[] toNewArray() {
            return memory.readBytes(ptr, length);
        }
    }

    private long[] frameSeal(int handle, int retptr) {
        return HostCalls.withResult("frame-seal", guest, retptr, out -> {
            ctx.frames().frameSeal(handle);
            out.ok();
        });
    }

    private long[] frameLen(int handle, int retptr) {
        return HostCalls.withResult("frame-len", guest, retptr,
                out -> out.okU64(ctx.frames().frameLen(handle)));
    }

    private long[] frameRead(int handle, long offset, long len, int retptr) {
        return HostCalls.withResult("frame-read", guest, retptr, out -> {
            FramePayload view = ctx.frames().frameRead(handle, offset, len);
            GuestSlice slice = guest.lowering().bytes(view.array(), view.offset(), view.length());
            ctx.copies().addHostToGuest(view.length());
            out.okSlice(slice);
        });
    }

    /**
     * {@code own<frame>} drop. It has no result, so a stale handle cannot be reported; it traps
     * (as a component runtime does for an unknown resource handle) rather than being ignored,
     * because it means the guest's bookkeeping is already wrong.
     */
    private long[] drop(String name, int handle) {
        return HostCalls.withoutResult(name, () -> ctx.frames().frameDrop(handle));
    }

    private long[] emitBatch(int handle, int retptr) {
        return HostCalls.withResult("emit-batch", guest, retptr, out -> {
            // Consume first: own<frame> is gone even when the call fails (ABI.md).
            FramePayload batch = ctx.frames().consume(handle);
            if (ctx.output() == null) {
                throw noChannel("emit-batch: " + ctx.connector() + " has no downstream stage");
            }
            ctx.output().emit(batch);
            out.ok();
        });
    }

    private long[] nextBatch(int retptr) {
        return HostCalls.withResult("next-batch", guest, retptr, out -> {
            if (ctx.input() == null) {
                throw noChannel("next-batch: " + ctx.connector() + " has no upstream stage");
            }
            FramePayload batch = ctx.input().next();
            if (batch == null) {
                out.okOptionI32(false, 0);
            } else {
                // If adopt fails (limits), the batch is dropped: the guest gets the error and
                // decides whether to fail the run.
                out.okOptionI32(true, ctx.frames().adopt(batch));
            }
        });
    }

    private static ConnectorException noChannel(String message) {
        return new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.NO_CHANNEL, message));
    }
}
