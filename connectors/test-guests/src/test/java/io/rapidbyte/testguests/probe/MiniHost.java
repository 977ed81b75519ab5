package io.rapidbyte.testguests.probe;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately small host side of ABI.md, just enough to drive the probe from a JVM test: frames,
 * an in-memory echo socket ({@code echo:7}), state, and recorders for logs, metrics, checkpoints and
 * dead-letter records. The real host lives in wasm-host; this one only checks the guest half.
 */
final class MiniHost {
    private static final String MODULE = "rapidbyte:connector/host@3.0.0";
    private static final ValType I32 = ValType.I32;
    private static final ValType I64 = ValType.I64;

    final Deque<byte[]> input = new ArrayDeque<>();
    final List<byte[]> emitted = new ArrayList<>();
    final List<String> metrics = new ArrayList<>();
    final List<String> logs = new ArrayList<>();
    final List<String> checkpoints = new ArrayList<>();
    final List<String> dlq = new ArrayList<>();
    final Map<String, String> state = new HashMap<>();
    private final Map<Integer, ByteArrayOutputStream> writable = new HashMap<>();
    private final Map<Integer, byte[]> sealed = new HashMap<>();
    private final Map<Long, ByteArrayOutputStream> sockets = new HashMap<>();
    private int nextFrame = 1;
    private long nextSocket = 100;
    int reallocCalls;

    HostFunction[] functions() {
        return new HostFunction[] {
            fn("frame-new", List.of(I64, I32), (i, a) -> frameNew(i, (int) a[1])),
            fn("frame-write", List.of(I32, I32, I32, I32), (i, a) -> frameWrite(i, (int) a[0], (int) a[1], (int) a[2], (int) a[3])),
            fn("frame-seal", List.of(I32, I32), (i, a) -> frameSeal(i, (int) a[0], (int) a[1])),
            fn("frame-len", List.of(I32, I32), (i, a) -> frameLen(i, (int) a[0], (int) a[1])),
            fn("frame-read", List.of(I32, I64, I64, I32), (i, a) -> frameRead(i, (int) a[0], a[1], a[2], (int) a[3])),
            fn("frame-drop", List.of(I32), (i, a) -> drop((int) a[0])),
            fn("[resource-drop]frame", List.of(I32), (i, a) -> drop((int) a[0])),
            fn("emit-batch", List.of(I32, I32), (i, a) -> emit(i, (int) a[0], (int) a[1])),
            fn("next-batch", List.of(I32), (i, a) -> next(i, (int) a[0])),
            fn("connect-tcp", List.of(I32, I32, I32, I32), (i, a) -> connect(i, (int) a[0], (int) a[1], (int) a[2], (int) a[3])),
            fn("socket-read-frame", List.of(I64, I64, I32), (i, a) -> socketRead(i, a[0], a[1], (int) a[2])),
            fn("socket-write-frame", List.of(I64, I32, I32), (i, a) -> socketWrite(i, a[0], (int) a[1], (int) a[2])),
            fn("socket-close", List.of(I64), (i, a) -> { sockets.remove(a[0]); }),
            fn("log", List.of(I32, I32, I32), (i, a) -> logs.add(a[0] + ":" + str(i, a[1], a[2]))),
            fn("checkpoint", List.of(I32, I32, I32, I32), (i, a) -> record(i, checkpoints, a[0] + ":" + str(i, a[1], a[2]), (int) a[3])),
            fn("metric", List.of(I32, I32, I32), (i, a) -> record(i, metrics, str(i, a[0], a[1]), (int) a[2])),
            fn("emit-dlq-record", List.of(I32, I32, I32, I32, I32, I32, I32, I32, I32), (i, a) -> record(i, dlq,
                    str(i, a[0], a[1]) + "|" + str(i, a[2], a[3]) + "|" + str(i, a[4], a[5]) + "|" + str(i, a[6], a[7]), (int) a[8])),
            fn("state-get", List.of(I32, I32, I32, I32), (i, a) -> stateGet(i, a[0] + "/" + str(i, a[1], a[2]), (int) a[3])),
            fn("state-put", List.of(I32, I32, I32, I32, I32, I32), (i, a) -> {
                state.put(a[0] + "/" + str(i, a[1], a[2]), str(i, a[3], a[4]));
                ok(i, (int) a[5]);
            }),
            fn("state-cas", List.of(I32, I32, I32, I32, I32, I32, I32, I32, I32), (i, a) -> stateCas(i, a)),
            // Same option<string> lowering as state-get; answers what a test put under "durable".
            fn("durable-checkpoint", List.of(I32), (i, a) -> stateGet(i, "durable", (int) a[0])),
        };
    }

    // ---- frames -------------------------------------------------------------------------------

    private void frameNew(Instance inst, int ret) {
        int h = nextFrame++;
        writable.put(h, new ByteArrayOutputStream());
        ok(inst, ret);
        inst.memory().writeI32(ret + 8, h);
    }

    private void frameWrite(Instance inst, int h, int ptr, int len, int ret) {
        ByteArrayOutputStream buf = writable.get(h);
        if (buf == null) {
            frameError(inst, ret, sealed.containsKey(h) ? "FRAME_ALREADY_SEALED" : "INVALID_FRAME_HANDLE");
            return;
        }
        long end = (ptr & 0xFFFF_FFFFL) + (len & 0xFFFF_FFFFL);
        if (end > (long) inst.memory().pages() * 65536) {
            frameError(inst, ret, "FRAME_BOUNDS");
            return;
        }
        buf.writeBytes(inst.memory().readBytes(ptr, len));
        ok(inst, ret);
        inst.memory().writeLong(ret + 8, buf.size());
    }

    private void frameSeal(Instance inst, int h, int ret) {
        ByteArrayOutputStream buf = writable.remove(h);
        if (buf == null) {
            frameError(inst, ret, sealed.containsKey(h) ? "FRAME_ALREADY_SEALED" : "INVALID_FRAME_HANDLE");
            return;
        }
        sealed.put(h, buf.toByteArray());
        ok(inst, ret);
    }

    private void frameLen(Instance inst, int h, int ret) {
        long len = sealed.containsKey(h) ? sealed.get(h).length : writable.containsKey(h) ? writable.get(h).size() : -1;
        if (len < 0) {
            frameError(inst, ret, "INVALID_FRAME_HANDLE");
            return;
        }
        ok(inst, ret);
        inst.memory().writeLong(ret + 8, len);
    }

    private void frameRead(Instance inst, int h, long offset, long len, int ret) {
        byte[] bytes = sealed.get(h);
        if (bytes == null) {
            frameError(inst, ret, writable.containsKey(h) ? "FRAME_NOT_SEALED" : "INVALID_FRAME_HANDLE");
            return;
        }
        if (offset < 0 || len < 0 || offset + len > bytes.length) {
            frameError(inst, ret, "FRAME_BOUNDS");
            return;
        }
        byte[] chunk = java.util.Arrays.copyOfRange(bytes, (int) offset, (int) (offset + len));
        int ptr = lower(inst, chunk);
        ok(inst, ret);
        inst.memory().writeI32(ret + 8, ptr);
        inst.memory().writeI32(ret + 12, chunk.length);
    }

    private void drop(int h) {
        writable.remove(h);
        sealed.remove(h);
    }

    private void emit(Instance inst, int h, int ret) {
        byte[] bytes = sealed.remove(h);
        ByteArrayOutputStream open = writable.remove(h);
        if (bytes == null) {
            frameError(inst, ret, open != null ? "FRAME_NOT_SEALED" : "INVALID_FRAME_HANDLE");
            return;
        }
        emitted.add(bytes);
        ok(inst, ret);
    }

    private void next(Instance inst, int ret) {
        byte[] bytes = input.poll();
        ok(inst, ret);
        if (bytes == null) {
            inst.memory().writeByte(ret + 8, (byte) 0);
            return;
        }
        int h = nextFrame++;
        sealed.put(h, bytes);
        inst.memory().writeByte(ret + 8, (byte) 1);
        inst.memory().writeI32(ret + 12, h);
    }

    // ---- sockets: "echo:7" echoes what was written --------------------------------------------

    private void connect(Instance inst, int ptr, int len, int port, int ret) {
        if (!str(inst, ptr, len).equals("echo") || port != 7) {
            error(inst, ret, 2, "NETWORK_DENIED", "not allowed");
            return;
        }
        long s = nextSocket++;
        sockets.put(s, new ByteArrayOutputStream());
        ok(inst, ret);
        inst.memory().writeLong(ret + 8, s);
    }

    private void socketRead(Instance inst, long s, long len, int ret) {
        ByteArrayOutputStream pending = sockets.get(s);
        if (pending == null) {
            error(inst, ret, 8, "INVALID_SOCKET_HANDLE", "no socket " + s);
            return;
        }
        ok(inst, ret);
        if (pending.size() == 0) {
            inst.memory().writeByte(ret + 8, (byte) 2);
            return;
        }
        byte[] all = pending.toByteArray();
        int n = (int) Math.min(len, all.length);
        pending.reset();
        pending.write(all, n, all.length - n);
        int h = nextFrame++;
        sealed.put(h, java.util.Arrays.copyOf(all, n));
        inst.memory().writeByte(ret + 8, (byte) 0);
        inst.memory().writeI32(ret + 12, h);
    }

    private void socketWrite(Instance inst, long s, int h, int ret) {
        byte[] bytes = sealed.remove(h);
        writable.remove(h);
        ByteArrayOutputStream pending = sockets.get(s);
        if (bytes == null || pending == null) {
            error(inst, ret, 9, "INVALID_FRAME_HANDLE", "bad frame or socket");
            return;
        }
        pending.writeBytes(bytes);
        ok(inst, ret);
        inst.memory().writeLong(ret + 8, bytes.length);
    }

    // ---- control plane ------------------------------------------------------------------------

    private void record(Instance inst, List<String> sink, String value, int ret) {
        sink.add(value);
        ok(inst, ret);
    }

    private void stateGet(Instance inst, String key, int ret) {
        String value = state.get(key);
        ok(inst, ret);
        inst.memory().writeByte(ret + 8, (byte) (value == null ? 0 : 1));
        if (value != null) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            inst.memory().writeI32(ret + 12, lower(inst, bytes));
            inst.memory().writeI32(ret + 16, bytes.length);
        }
    }

    private void stateCas(Instance inst, long[] a) {
        String key = a[0] + "/" + str(inst, a[1], a[2]);
        String expected = a[3] != 0 ? str(inst, a[4], a[5]) : null;
        boolean swap = java.util.Objects.equals(state.get(key), expected);
        if (swap) {
            state.put(key, str(inst, a[6], a[7]));
        }
        ok(inst, (int) a[8]);
        inst.memory().writeByte((int) a[8] + 8, (byte) (swap ? 1 : 0));
    }

    // ---- canonical ABI helpers ----------------------------------------------------------------

    /** Host → guest list: cabi_realloc(0, 0, 1, len), then copy. */
    int lower(Instance inst, byte[] bytes) {
        if (bytes.length == 0) {
            return 1;
        }
        reallocCalls++;
        int ptr = (int) inst.export("cabi_realloc").apply(0, 0, 1, bytes.length)[0];
        inst.memory().write(ptr, bytes);
        return ptr;
    }

    private static void ok(Instance inst, int ret) {
        inst.memory().writeByte(ret, (byte) 0);
    }

    private void frameError(Instance inst, int ret, String code) {
        error(inst, ret, 9, code, code.toLowerCase());
    }

    private void error(Instance inst, int ret, int category, String code, String message) {
        int codePtr = lower(inst, code.getBytes(StandardCharsets.UTF_8));
        int msgPtr = lower(inst, message.getBytes(StandardCharsets.UTF_8));
        Memory m = inst.memory();
        m.writeByte(ret, (byte) 1);
        int e = ret + 8;
        m.writeByte(e, (byte) category);
        m.writeByte(e + 1, (byte) 1);
        m.writeI32(e + 4, codePtr);
        m.writeI32(e + 8, code.length());
        m.writeI32(e + 12, msgPtr);
        m.writeI32(e + 16, message.length());
        m.writeByte(e + 20, (byte) 0);
        m.writeByte(e + 24, (byte) 0);
        m.writeByte(e + 40, (byte) 0);
        m.writeByte(e + 41, (byte) 0);
        m.writeByte(e + 42, (byte) 0);
        m.writeByte(e + 44, (byte) 0);
    }

    static String str(Instance inst, long ptr, long len) {
        return new String(inst.memory().readBytes((int) ptr, (int) len), StandardCharsets.UTF_8);
    }

    private interface Body {
        void call(Instance instance, long[] args);
    }

    private static HostFunction fn(String name, List<ValType> params, Body body) {
        return new HostFunction(MODULE, name, FunctionType.of(params, List.of()), (inst, args) -> {
            body.call(inst, args);
            return null;
        });
    }
}
