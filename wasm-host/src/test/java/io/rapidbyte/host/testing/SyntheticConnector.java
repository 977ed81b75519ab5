package io.rapidbyte.host.testing;

import static io.rapidbyte.host.testing.WasmBuilder.I32;
import static io.rapidbyte.host.testing.WasmBuilder.Op.i32;
import static io.rapidbyte.host.testing.WasmBuilder.Op.seq;

import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.CommitState;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorScope;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A hand-assembled source connector whose exports return return areas prepared in data
 * segments. Exports can be replaced with custom bodies (trap, spin, grow memory, ...) to drive
 * lifecycle paths without a guest toolchain.
 */
public final class SyntheticConnector {
    public static final String SRC = "rapidbyte:connector/source-connector@3.0.0#";
    public static final int OK_AREA = 0x100;
    public static final int ERR_AREA = 0x140;
    public static final int DISCOVER_AREA = 0x180;
    public static final int VALIDATE_AREA = 0x1C0;
    public static final int READ_AREA = 0x200;
    public static final int BAD_TAG_AREA = 0x240;

    public static final String CATALOG = "{\"streams\":[{\"name\":\"synthetic\"}]}";
    public static final ConnectorError ERROR = new ConnectorError(ErrorCategory.DATA, ErrorScope.PER_RECORD, "E42",
            "it broke", true, OptionalLong.of(250), BackoffClass.SLOW, true, CommitState.AFTER_COMMIT_CONFIRMED,
            "{\"x\":1}");

    public enum Start { NONE, RETURN, EXIT_0, EXIT_3, PRINT, START_SECTION_LOG }

    /** Function indices of the imports every synthetic module has. */
    public static final int PROC_EXIT = 0;
    public static final int LOG = 1;
    public static final int FRAME_NEW = 2;
    public static final int FD_WRITE = 3;
    public static final int FRAME_WRITE = 4;
    public static final int FRAME_SEAL = 5;
    public static final int FRAME_READ = 6;

    private final Map<String, byte[]> bodies = new LinkedHashMap<>();
    private final Set<String> omitted = new HashSet<>();
    private Start start = Start.NONE;
    private String manifest;
    private int memMin = 1;
    private int memMax = 100;
    private String postLogged;
    private Integer reallocLimit;
    private byte[] initialize;

    private final String prefix;

    /** A source connector. */
    public SyntheticConnector() {
        this(Role.SOURCE);
    }

    /** A connector of {@code role} whose run export returns the summary {10, 20, 30, 40, 50}. */
    public SyntheticConnector(Role role) {
        this.prefix = role.interfaceName() + "#";
        for (String function : role.functions()) {
            bodies.put(function, i32(switch (function) {
                case "discover" -> DISCOVER_AREA;
                case "validate" -> VALIDATE_AREA;
                case "run-read", "run-write", "run-transform" -> READ_AREA;
                default -> OK_AREA;
            }));
        }
    }

    /** Replaces the body of a source-connector function (it must leave an i32 address). */
    public SyntheticConnector body(String function, byte[] body) {
        bodies.put(function, body);
        return this;
    }

    public SyntheticConnector omit(String export) {
        omitted.add(export);
        return this;
    }

    public SyntheticConnector start(Start mode) {
        this.start = mode;
        return this;
    }

    public SyntheticConnector manifest(String json) {
        this.manifest = json;
        return this;
    }

    public SyntheticConnector memory(int min, int max) {
        this.memMin = min;
        this.memMax = max;
        return this;
    }

    /** Address of the counter {@link #countInitialize()} increments. */
    public static final int INIT_COUNTER = 0x7F0;

    /** Exports {@code _initialize} (a reactor module) with {@code body}. */
    public SyntheticConnector reactor(byte[] body) {
        this.initialize = body;
        return this;
    }

    /** {@code _initialize} body: increments the i32 at {@link #INIT_COUNTER}. */
    public static byte[] countInitialize() {
        return seq(i32(INIT_COUNTER), i32(INIT_COUNTER), new byte[] {0x28, 0x02, 0x00}, i32(1),
                WasmBuilder.Op.I32_ADD, new byte[] {0x36, 0x02, 0x00});
    }

    /** Export body: OK when the counter at {@link #INIT_COUNTER} is exactly 1, else ERR. */
    public static byte[] okIfInitializedOnce() {
        return seq(i32(INIT_COUNTER), new byte[] {0x28, 0x02, 0x00}, i32(1), (byte) 0x46,
                new byte[] {0x04, I32}, i32(OK_AREA), (byte) 0x05, i32(ERR_AREA), (byte) 0x0b);
    }

    /** Makes {@code cabi_realloc} return 0 (failure) for requests above {@code maxBytes}. */
    public SyntheticConnector reallocLimit(int maxBytes) {
        this.reallocLimit = maxBytes;
        return this;
    }

    /**
     * Body that writes {@code size} bytes into a new frame, seals it, reads it all back with
     * {@code frame-read} into the scratch return area 0x980 and returns that area as its own
     * result: the export then fails with whatever error frame-read returned.
     */
    public static byte[] readBackFrame(int size) {
        byte[] handle = seq(i32(0x900), new byte[] {0x28, 0x02, 0x08});  // i32.load offset=8
        return seq(WasmBuilder.Op.i64(0), i32(0x900), WasmBuilder.Op.call(FRAME_NEW),
                handle, i32(0x1000), i32(size), i32(0x940), WasmBuilder.Op.call(FRAME_WRITE),
                handle, i32(0x940), WasmBuilder.Op.call(FRAME_SEAL),
                handle, WasmBuilder.Op.i64(0), WasmBuilder.Op.i64(size), i32(0x980), WasmBuilder.Op.call(FRAME_READ),
                i32(0x980));
    }

    /** Adds {@code cabi_post_<export>} that logs "post" through the host's log import. */
    public SyntheticConnector postLogs(String function) {
        this.postLogged = function;
        return this;
    }

    /** Body that creates {@code count} frames (into a scratch return area) and returns OK. */
    public static byte[] leakFrames(int count) {
        byte[][] calls = new byte[count + 1][];
        for (int i = 0; i < count; i++) {
            calls[i] = seq(WasmBuilder.Op.i64(16), i32(0x800), WasmBuilder.Op.call(FRAME_NEW));
        }
        calls[count] = i32(OK_AREA);
        return seq((Object[]) calls);
    }

    /** Body that grows memory by {@code pages} and returns OK on success, ERR on failure. */
    public static byte[] growOrErr(int pages) {
        return seq(i32(pages), new byte[] {0x40, 0x00}, i32(-1), (byte) 0x46,
                new byte[] {0x04, I32}, i32(ERR_AREA), (byte) 0x05, i32(OK_AREA), (byte) 0x0b);
    }

    public byte[] build() {
        WasmBuilder w = new WasmBuilder();
        w.importFunction("wasi_snapshot_preview1", "proc_exit", new byte[] {I32}, new byte[0]);
        w.importFunction("rapidbyte:connector/host@3.0.0", "log", new byte[] {I32, I32, I32}, new byte[0]);
        w.importFunction("rapidbyte:connector/host@3.0.0", "frame-new", new byte[] {WasmBuilder.I64, I32}, new byte[0]);
        w.importFunction("wasi_snapshot_preview1", "fd_write", new byte[] {I32, I32, I32, I32}, new byte[] {I32});
        w.importFunction("rapidbyte:connector/host@3.0.0", "frame-write", new byte[] {I32, I32, I32, I32}, new byte[0]);
        w.importFunction("rapidbyte:connector/host@3.0.0", "frame-seal", new byte[] {I32, I32}, new byte[0]);
        w.importFunction("rapidbyte:connector/host@3.0.0", "frame-read",
                new byte[] {I32, WasmBuilder.I64, WasmBuilder.I64, I32}, new byte[0]);
        w.memory(memMin, memMax).global(0x4000);
        byte[] bump = seq(
                WasmBuilder.Op.globalGet(0), i32(7), WasmBuilder.Op.I32_ADD, i32(-8), WasmBuilder.Op.I32_AND,
                WasmBuilder.Op.localSet(4), WasmBuilder.Op.localGet(4), WasmBuilder.Op.localGet(3),
                WasmBuilder.Op.I32_ADD, WasmBuilder.Op.globalSet(0), WasmBuilder.Op.localGet(4));
        // if (new_size > limit) return 0; else bump
        byte[] reallocBody = reallocLimit == null ? bump : seq(WasmBuilder.Op.localGet(3), i32(reallocLimit),
                (byte) 0x4b, new byte[] {0x04, I32}, i32(0), (byte) 0x05, bump, (byte) 0x0b);
        int realloc = w.function(new byte[] {I32, I32, I32, I32}, new byte[] {I32}, 1, reallocBody);
        if (!omitted.contains("cabi_realloc")) {
            w.exportFunction("cabi_realloc", realloc);
        }
        for (var e : bodies.entrySet()) {
            boolean takesString = e.getKey().equals("open") || e.getKey().startsWith("run-");
            int f = w.function(takesString ? new byte[] {I32, I32} : new byte[0], new byte[] {I32}, 0, e.getValue());
            if (!omitted.contains(e.getKey())) {
                w.exportFunction(prefix + e.getKey(), f);
            }
        }
        if (start == Start.START_SECTION_LOG) {
            // A wasm start function (not _start) calling a host import during instantiation.
            w.start(w.function(new byte[0], new byte[0], 0, seq(i32(2), i32(0x600), i32(4), WasmBuilder.Op.call(LOG))));
        } else if (start != Start.NONE) {
            byte[] body = switch (start) {
                case RETURN -> new byte[0];
                case EXIT_0 -> seq(i32(0), WasmBuilder.Op.call(PROC_EXIT));
                case EXIT_3 -> seq(i32(3), WasmBuilder.Op.call(PROC_EXIT));
                // fd_write(1, iovs = [{0x710, 13}], 1, nwritten = 0x720)
                case PRINT -> seq(i32(1), i32(0x700), i32(1), i32(0x720), WasmBuilder.Op.call(FD_WRITE),
                        WasmBuilder.Op.DROP);
                default -> throw new IllegalStateException();
            };
            w.exportFunction("_start", w.function(new byte[0], new byte[0], 0, body));
        }
        if (initialize != null) {
            w.exportFunction("_initialize", w.function(new byte[0], new byte[0], 0, initialize));
        }
        if (postLogged != null) {
            int post = w.function(new byte[] {I32}, new byte[0], 0,
                    seq(i32(2), i32(0x600), i32(4), WasmBuilder.Op.call(LOG)));
            w.exportFunction("cabi_post_" + prefix + postLogged, post);
        }
        w.data(0x100, areas());
        w.data(0x600, "post".getBytes(StandardCharsets.UTF_8));
        w.data(0x700, new byte[] {0x10, 0x07, 0, 0, 13, 0, 0, 0});
        w.data(0x710, "hello\nwor\r\nld".getBytes(StandardCharsets.UTF_8));
        if (manifest != null) {
            w.custom("rapidbyte-manifest", manifest.getBytes(StandardCharsets.UTF_8));
        }
        return w.build();
    }

    /** Return areas at 0x100.., strings at 0x400... */
    private static byte[] areas() {
        ByteBuffer b = ByteBuffer.allocate(0x400).order(ByteOrder.LITTLE_ENDIAN);
        int strings = 0x300;  // offset within the buffer, i.e. address 0x400
        byte[] catalog = CATALOG.getBytes(StandardCharsets.UTF_8);
        b.put(DISCOVER_AREA - 0x100, (byte) 0).putInt(DISCOVER_AREA - 0x100 + 8, 0x100 + strings)
                .putInt(DISCOVER_AREA - 0x100 + 12, catalog.length);
        b.put(strings, catalog);
        strings += catalog.length;

        byte[] warning = "config is deprecated".getBytes(StandardCharsets.UTF_8);
        b.put(VALIDATE_AREA - 0x100 + 8, (byte) 2).putInt(VALIDATE_AREA - 0x100 + 12, 0x100 + strings)
                .putInt(VALIDATE_AREA - 0x100 + 16, warning.length);
        b.put(strings, warning);
        strings += warning.length;

        for (int i = 0; i < 5; i++) {
            b.putLong(READ_AREA - 0x100 + 8 + 8 * i, 10L * (i + 1));
        }
        b.put(BAD_TAG_AREA - 0x100, (byte) 7);

        int e = ERR_AREA - 0x100;
        b.put(e, (byte) 1);
        b.put(e + 8, (byte) ERROR.category().ordinal()).put(e + 9, (byte) ERROR.scope().ordinal());
        strings = putString(b, e + 8 + 4, strings, ERROR.code());
        strings = putString(b, e + 8 + 12, strings, ERROR.message());
        b.put(e + 8 + 20, (byte) 1);
        b.put(e + 8 + 24, (byte) 1).putLong(e + 8 + 32, ERROR.retryAfterMs().getAsLong());
        b.put(e + 8 + 40, (byte) ERROR.backoffClass().ordinal()).put(e + 8 + 41, (byte) 1);
        b.put(e + 8 + 42, (byte) 1).put(e + 8 + 43, (byte) ERROR.commitState().ordinal());
        b.put(e + 8 + 44, (byte) 1);
        putString(b, e + 8 + 48, strings, ERROR.detailsJson());
        return b.array();
    }

    private static int putString(ByteBuffer b, int slot, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.putInt(slot, 0x100 + at).putInt(slot + 4, bytes.length);
        b.put(at, bytes);
        return at + bytes.length;
    }
}
