package io.rapidbyte.host.bench;

import static io.rapidbyte.host.testing.WasmBuilder.I32;
import static io.rapidbyte.host.testing.WasmBuilder.I64;
import static io.rapidbyte.host.testing.WasmBuilder.Op.call;
import static io.rapidbyte.host.testing.WasmBuilder.Op.i32;
import static io.rapidbyte.host.testing.WasmBuilder.Op.i64;
import static io.rapidbyte.host.testing.WasmBuilder.Op.localGet;
import static io.rapidbyte.host.testing.WasmBuilder.Op.localSet;
import static io.rapidbyte.host.testing.WasmBuilder.Op.seq;

import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.testing.WasmBuilder;

/**
 * Hand-assembled guests that do nothing but drive the frame path, so a benchmark can see the
 * host's own cost: the source loops frame-new → frame-write (one chunk from linear memory) →
 * frame-seal → emit-batch; the destination loops next-batch → frame-read → frame-drop. No guest
 * code touches the payload bytes. Their {@code cabi_realloc} always answers the same 1 MiB+
 * scratch area (the guest never keeps what the host gives it).
 */
final class HostPathGuests {
    private static final String HOST = "rapidbyte:connector/host@3.0.0";
    private static final int SCRATCH = 0x10000;
    private static final int RET = 0x900;
    private static final int RET2 = 0x980;
    /** All zero: tag ok, every summary field 0, empty strings. */
    private static final int ZERO_AREA = 0x800;
    private static final byte[] HANDLE_AT_8 = seq(i32(RET), new byte[] {0x28, 0x02, 0x08});
    private static final byte[] HANDLE_AT_12 = seq(i32(RET), new byte[] {0x28, 0x02, 0x0c});

    private HostPathGuests() {
    }

    /** A source emitting {@code batches} frames of {@code size} bytes each. */
    static byte[] source(int batches, int size) {
        WasmBuilder w = new WasmBuilder();
        int frameNew = w.importFunction(HOST, "frame-new", new byte[] {I64, I32}, new byte[0]);
        int frameWrite = w.importFunction(HOST, "frame-write", new byte[] {I32, I32, I32, I32}, new byte[0]);
        int frameSeal = w.importFunction(HOST, "frame-seal", new byte[] {I32, I32}, new byte[0]);
        int emit = w.importFunction(HOST, "emit-batch", new byte[] {I32, I32}, new byte[0]);
        byte[] loop = seq(i32(batches), localSet(2),
                new byte[] {0x02, 0x40, 0x03, 0x40},                                    // block loop
                localGet(2), (byte) 0x45, new byte[] {0x0d, 0x01},                      // i == 0 -> exit
                i64(size), i32(RET), call(frameNew),
                HANDLE_AT_8, i32(SCRATCH), i32(size), i32(RET2), call(frameWrite),
                HANDLE_AT_8, i32(RET2), call(frameSeal),
                HANDLE_AT_8, i32(RET2), call(emit),
                localGet(2), i32(1), (byte) 0x6b, localSet(2),
                new byte[] {0x0c, 0x00, 0x0b, 0x0b},                                    // br 0, end, end
                i32(ZERO_AREA));
        return connector(w, Role.SOURCE, "run-read", loop, pages(size));
    }

    /** A destination reading every batch of {@code size} bytes into linear memory. */
    static byte[] destination(int size) {
        WasmBuilder w = new WasmBuilder();
        int next = w.importFunction(HOST, "next-batch", new byte[] {I32}, new byte[0]);
        int frameRead = w.importFunction(HOST, "frame-read", new byte[] {I32, I64, I64, I32}, new byte[0]);
        int frameDrop = w.importFunction(HOST, "frame-drop", new byte[] {I32}, new byte[0]);
        byte[] loop = seq(new byte[] {0x02, 0x40, 0x03, 0x40},
                i32(RET), call(next),
                i32(RET), new byte[] {0x2d, 0x00, 0x08}, (byte) 0x45, new byte[] {0x0d, 0x01},  // none -> exit
                HANDLE_AT_12, i64(0), i64(size), i32(RET2), call(frameRead),
                HANDLE_AT_12, call(frameDrop),
                new byte[] {0x0c, 0x00, 0x0b, 0x0b},
                i32(ZERO_AREA));
        return connector(w, Role.DESTINATION, "run-write", loop, pages(size));
    }

    private static int pages(int size) {
        return (SCRATCH + size) / 65536 + 2;
    }

    private static byte[] connector(WasmBuilder w, Role role, String run, byte[] runBody, int pages) {
        w.memory(pages, pages);
        w.exportFunction("cabi_realloc", w.function(new byte[] {I32, I32, I32, I32}, new byte[] {I32}, 0, i32(SCRATCH)));
        for (String function : role.functions()) {
            boolean takesString = function.equals("open") || function.startsWith("run-");
            byte[] body = function.equals(run) ? runBody : i32(ZERO_AREA);
            int f = w.function(takesString ? new byte[] {I32, I32} : new byte[0], new byte[] {I32}, 1, body);
            w.exportFunction(role.interfaceName() + "#" + function, f);
        }
        return w.build();
    }
}
