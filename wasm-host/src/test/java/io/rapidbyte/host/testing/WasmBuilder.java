package io.rapidbyte.host.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles small core wasm modules for tests, so lifecycle code can be exercised against real
 * Chicory instances without a toolchain. Supports what the tests need: i32/i64 function types,
 * function imports, one memory, one mutable i32 global, function and memory exports, active data
 * segments and custom sections. Function bodies are raw instruction bytes; see {@link Op}.
 */
public final class WasmBuilder {
    public static final byte I32 = 0x7f;
    public static final byte I64 = 0x7e;

    private record Type(byte[] params, byte[] results) {
    }

    private record Func(int type, byte[] locals, byte[] body) {
    }

    private final List<Type> types = new ArrayList<>();
    private final List<byte[]> imports = new ArrayList<>();
    private final List<Func> funcs = new ArrayList<>();
    private final List<byte[]> exports = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private final List<byte[]> customs = new ArrayList<>();
    private int memMin = -1;
    private int memMax = -1;
    private Integer global;
    private Integer start;

    /** Adds an imported function and returns its function index (imports must come first). */
    public int importFunction(String module, String name, byte[] params, byte[] results) {
        if (!funcs.isEmpty()) {
            throw new IllegalStateException("imports before functions");
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        name(b, module);
        name(b, name);
        b.write(0x00);
        u32(b, type(params, results));
        imports.add(b.toByteArray());
        return imports.size() - 1;
    }

    /** Adds a function; {@code i32Locals} extra i32 locals; returns its function index. */
    public int function(byte[] params, byte[] results, int i32Locals, byte[] body) {
        ByteArrayOutputStream locals = new ByteArrayOutputStream();
        if (i32Locals > 0) {
            u32(locals, 1);
            u32(locals, i32Locals);
            locals.write(I32);
        } else {
            u32(locals, 0);
        }
        funcs.add(new Func(type(params, results), locals.toByteArray(), body));
        return imports.size() + funcs.size() - 1;
    }

    public WasmBuilder exportFunction(String name, int index) {
        return export(name, 0x00, index);
    }

    public WasmBuilder memory(int minPages, int maxPages) {
        memMin = minPages;
        memMax = maxPages;
        return export("memory", 0x02, 0);
    }

    /** One mutable i32 global (index 0), e.g. a bump pointer. */
    public WasmBuilder global(int initial) {
        global = initial;
        return this;
    }

    /** The module's start function (run by instantiation itself, unlike WASI's {@code _start}). */
    public WasmBuilder start(int function) {
        start = function;
        return this;
    }

    public WasmBuilder data(int offset, byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        b.writeBytes(Op.i32(offset));
        b.write(0x0b);
        u32(b, bytes.length);
        b.writeBytes(bytes);
        this.data.add(b.toByteArray());
        return this;
    }

    public WasmBuilder custom(String name, byte[] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        name(b, name);
        b.writeBytes(bytes);
        customs.add(b.toByteArray());
        return this;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
        List<byte[]> typeEntries = new ArrayList<>();
        for (Type t : types) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(0x60);
            u32(b, t.params.length);
            b.writeBytes(t.params);
            u32(b, t.results.length);
            b.writeBytes(t.results);
            typeEntries.add(b.toByteArray());
        }
        section(out, 1, typeEntries);
        section(out, 2, imports);
        List<byte[]> funcTypes = new ArrayList<>();
        for (Func f : funcs) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            u32(b, f.type);
            funcTypes.add(b.toByteArray());
        }
        section(out, 3, funcTypes);
        if (memMin >= 0) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(0x01);
            u32(b, memMin);
            u32(b, memMax);
            section(out, 5, List.of(b.toByteArray()));
        }
        if (global != null) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(I32);
            b.write(0x01);
            b.writeBytes(Op.i32(global));
            b.write(0x0b);
            section(out, 6, List.of(b.toByteArray()));
        }
        section(out, 7, exports);
        if (start != null) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            u32(b, start);
            out.write(8);
            u32(out, b.size());
            out.writeBytes(b.toByteArray());
        }
        List<byte[]> bodies = new ArrayList<>();
        for (Func f : funcs) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(f.locals);
            body.writeBytes(f.body);
            body.write(0x0b);
            ByteArrayOutputStream sized = new ByteArrayOutputStream();
            u32(sized, body.size());
            sized.writeBytes(body.toByteArray());
            bodies.add(sized.toByteArray());
        }
        section(out, 10, bodies);
        section(out, 11, data);
        for (byte[] custom : customs) {
            out.write(0);
            u32(out, custom.length);
            out.writeBytes(custom);
        }
        return out.toByteArray();
    }

    private int type(byte[] params, byte[] results) {
        for (int i = 0; i < types.size(); i++) {
            if (java.util.Arrays.equals(types.get(i).params, params)
                    && java.util.Arrays.equals(types.get(i).results, results)) {
                return i;
            }
        }
        types.add(new Type(params, results));
        return types.size() - 1;
    }

    private WasmBuilder export(String name, int kind, int index) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        name(b, name);
        b.write(kind);
        u32(b, index);
        exports.add(b.toByteArray());
        return this;
    }

    private static void section(ByteArrayOutputStream out, int id, List<byte[]> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        u32(content, entries.size());
        entries.forEach(content::writeBytes);
        out.write(id);
        u32(out, content.size());
        out.writeBytes(content.toByteArray());
    }

    private static void name(ByteArrayOutputStream b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(b, utf8.length);
        b.writeBytes(utf8);
    }

    static void u32(ByteArrayOutputStream b, long value) {
        do {
            int bits = (int) (value & 0x7f);
            value >>>= 7;
            b.write(value != 0 ? bits | 0x80 : bits);
        } while (value != 0);
    }

    /** Instruction encodings used by the tests. */
    public static final class Op {
        public static final byte UNREACHABLE = 0x00;
        public static final byte DROP = 0x1a;
        public static final byte I32_ADD = 0x6a;
        public static final byte I32_AND = 0x71;

        private Op() {
        }

        public static byte[] i32(long value) {
            return signed(0x41, value);
        }

        public static byte[] i64(long value) {
            return signed(0x42, value);
        }

        public static byte[] localGet(int index) {
            return new byte[] {0x20, (byte) index};
        }

        public static byte[] localSet(int index) {
            return new byte[] {0x21, (byte) index};
        }

        public static byte[] globalGet(int index) {
            return new byte[] {0x23, (byte) index};
        }

        public static byte[] globalSet(int index) {
            return new byte[] {0x24, (byte) index};
        }

        public static byte[] call(int function) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(0x10);
            u32(b, function);
            return b.toByteArray();
        }

        /** {@code loop br 0 end}: spins forever. */
        public static byte[] spin() {
            return new byte[] {0x03, 0x40, 0x0c, 0x00, 0x0b};
        }

        public static byte[] seq(Object... parts) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (Object p : parts) {
                if (p instanceof byte[] bytes) {
                    b.writeBytes(bytes);
                } else {
                    b.write((Byte) p);
                }
            }
            return b.toByteArray();
        }

        private static byte[] signed(int opcode, long value) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.write(opcode);
            boolean more = true;
            while (more) {
                int bits = (int) (value & 0x7f);
                value >>= 7;
                more = !((value == 0 && (bits & 0x40) == 0) || (value == -1 && (bits & 0x40) != 0));
                b.write(more ? bits | 0x80 : bits);
            }
            return b.toByteArray();
        }
    }
}
