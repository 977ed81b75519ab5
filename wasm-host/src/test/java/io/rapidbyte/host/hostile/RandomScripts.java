package io.rapidbyte.host.hostile;

import static io.rapidbyte.host.testing.ProbeDriver.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random probe scripts for the hostile-guest test: sequences of host calls in any order with
 * arguments drawn to hit edges (handles that are stale, zero, negative or never issued; sizes of
 * 0, 1, huge and "negative" u64; pointers and lengths outside memory; bad enum values and option
 * tags; misaligned or out-of-bounds return areas), through the probe's typed ops and its
 * {@code raw} op. Return areas are never inside the guest's own memory: the host would then
 * write into the guest's heap, which tests the guest, not the host. Deterministic per seed.
 */
final class RandomScripts {
    private static final String[] IMPORTS = {"frame-new", "frame-write", "frame-seal", "frame-len", "frame-read",
        "frame-drop", "resource-drop", "emit-batch", "next-batch", "connect-tcp", "socket-read-frame",
        "socket-write-frame", "socket-close", "log", "checkpoint", "metric", "emit-dlq-record", "emit-dlq-row",
        "state-get", "state-put", "state-cas"};
    private static final String[] REGISTERS = {"a", "b", "c", "d"};
    private static final String[] TYPED = {"frame-new", "frame-write", "frame-write-raw", "frame-seal", "frame-len",
        "frame-read", "frame-drop", "resource-drop", "emit-batch", "next-batch", "dlq-row", "connect-tcp",
        "socket-write", "socket-read", "socket-close", "checkpoint", "state-cas"};

    private final Random r;
    private final int port;

    RandomScripts(long seed, int allowedPort) {
        this.r = new Random(seed);
        this.port = allowedPort;
    }

    /** Every call a script can make: the typed ops, and {@code raw <import>} for each import. */
    static List<String> calls() {
        List<String> all = new ArrayList<>(List.of(TYPED));
        for (String name : IMPORTS) {
            all.add("raw " + name);
        }
        return all;
    }

    /** What {@code op} calls, in the terms of {@link #calls()}. */
    static String call(Map<String, Object> op) {
        return "raw".equals(op.get("op")) ? "raw " + op.get("import") : (String) op.get("op");
    }

    List<Map<String, Object>> script(int length) {
        List<Map<String, Object>> ops = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            ops.add(next());
        }
        return ops;
    }

    private Map<String, Object> next() {
        switch (r.nextInt(17)) {
            case 0: return op("frame-new", "capacity", size(), "as", register());
            case 1: return r.nextBoolean() ? op("frame-write", "frame", frame(), "size", (int) Math.min(smallSize(), 3 << 20))
                    : op("frame-write-raw", "frame", frame(), "ptr", pointer(), "len", pointer());
            case 2: return op("frame-seal", "frame", frame());
            case 3: return op("frame-len", "frame", frame());
            case 4: return op("frame-read", "frame", frame(), "offset", size(), "len", Math.min(smallSize(), 1 << 20));
            case 5: return r.nextInt(4) == 0 ? op("resource-drop", "frame", frame()) : op("frame-drop", "frame", frame());
            case 6: return op("emit-batch", "frame", frame());
            case 7: return op("next-batch", "as", register());
            case 8: return op("dlq-row", "frame", frame(), "code", "X", "message", "hostile");
            case 9: return op("connect-tcp", "host", r.nextInt(3) == 0 ? "127.0.0.2" : "127.0.0.1",
                    "port", r.nextInt(4) == 0 ? 1 : port, "as", "s" + r.nextInt(3));
            case 10: return op("socket-write", "socket", socket(), "text", "ping " + r.nextInt(1000));
            case 11: return op("socket-read", "socket", socket(), "len", r.nextInt(3) == 0 ? 0 : 1 + r.nextInt(64));
            case 12: return op("socket-close", "socket", socket());
            case 13: return op("checkpoint", "kind", "source", "payload_raw", r.nextBoolean() ? "{\"p\":1}" : "{bad");
            case 14: return op("state-cas", "key", "k" + r.nextInt(3), "expected", r.nextBoolean() ? null : "v",
                    "value", "v");
            default: return raw();
        }
    }

    private Map<String, Object> raw() {
        List<Long> args = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            args.add(arg());
        }
        String name = IMPORTS[r.nextInt(IMPORTS.length)];
        if (r.nextInt(10) == 0) {
            return op("raw", "import", name, "args", args, "retptr", badReturnArea());
        }
        return op("raw", "import", name, "args", args);
    }

    private String register() {
        return REGISTERS[r.nextInt(REGISTERS.length)];
    }

    /** A register name most of the time, else a raw handle that is 0, negative or never issued. */
    private Object frame() {
        switch (r.nextInt(6)) {
            case 0: return new long[] {0, -1, 1, 2, 3, Integer.MAX_VALUE, Integer.MIN_VALUE}[r.nextInt(7)];
            default: return register();
        }
    }

    private Object socket() {
        return r.nextInt(5) == 0 ? (Object) (long) (r.nextInt(1000) - 500) : "s" + r.nextInt(3);
    }

    private long size() {
        switch (r.nextInt(6)) {
            case 0: return 0;
            case 1: return -1; // 2^64 - 1 as u64
            case 2: return Long.MIN_VALUE;
            case 3: return 1L << 40;
            default: return r.nextInt(2 << 20);
        }
    }

    private long smallSize() {
        return r.nextInt(5) == 0 ? 0 : r.nextInt(300_000);
    }

    private long pointer() {
        switch (r.nextInt(5)) {
            case 0: return 0;
            case 1: return -8;
            case 2: return Integer.MAX_VALUE;
            case 3: return r.nextInt(80 << 20); // inside or just past the memory
            default: return r.nextInt(1 << 16);
        }
    }

    private long arg() {
        switch (r.nextInt(8)) {
            case 0: return 0;
            case 1: return 1;
            case 2: return -1;
            case 3: return r.nextInt(8); // small handles, enum values, option tags
            case 4: return Long.MAX_VALUE;
            case 5: return Integer.MIN_VALUE;
            default: return pointer();
        }
    }

    /** Misaligned or outside the memory: the host must trap without writing. */
    private long badReturnArea() {
        return new long[] {-8, 3, 0x7FFF_FFF8L, 0xFFFF_FFF0L, 0x1000_0001L}[r.nextInt(5)];
    }
}
