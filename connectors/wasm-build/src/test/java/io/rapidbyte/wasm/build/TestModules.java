package io.rapidbyte.wasm.build;

/** Hand-assembled modules shaped like TeaVM 0.13.1 WASI output, for the post-processor tests. */
final class TestModules {
    static final int MIN_HEAP = 4 << 20;
    static final int MAX_HEAP = 128 << 20;

    private TestModules() {
    }

    /**
     * One imported function, a class initialiser and the init (start) function calling
     * {@code initHeap(dataEnd, MIN_HEAP, MAX_HEAP, 256 KiB, 512)}, memory {@code min..max}, one data
     * segment at 256, and a trailing custom "name" section.
     */
    static byte[] teavmLike(int dataEnd, int minPages, int maxPages, int[] initArgs) {
        ByteWriter out = new ByteWriter().writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new ByteWriter().writeU32(1).writeByte(0x60).writeU32(0).writeU32(0).toByteArray());
        section(out, 2, new ByteWriter().writeU32(1).writeName("env").writeName("f").writeByte(0).writeU32(0)
                .toByteArray());
        section(out, 3, new ByteWriter().writeU32(2).writeU32(0).writeU32(0).toByteArray());
        section(out, 5, new ByteWriter().writeU32(1).writeByte(1).writeU32(minPages).writeU32(maxPages)
                .toByteArray());
        section(out, 7, new ByteWriter().writeU32(1).writeName("_start").writeByte(0).writeU32(1).toByteArray());
        section(out, 8, new ByteWriter().writeU32(2).toByteArray());
        ByteWriter init = new ByteWriter().writeU32(1).writeU32(2).writeByte(0x7F) // 2 i32 locals
                .writeByte(0x10).writeU32(1);
        for (int arg : initArgs) {
            init.writeByte(0x41).writeS32(arg);
        }
        init.writeByte(0x10).writeU32(0).writeByte(0x10).writeU32(1).writeByte(0x0B);
        byte[] clinit = {0x00, 0x0B};
        section(out, 10, new ByteWriter().writeU32(2).writeSized(clinit).writeSized(init.toByteArray())
                .toByteArray());
        byte[] data = new byte[dataEnd - 256];
        data[0] = 42;
        section(out, 11, new ByteWriter().writeU32(1).writeByte(0).writeByte(0x41).writeS32(256).writeByte(0x0B)
                .writeSized(data).toByteArray());
        section(out, 0, WasmSection.custom("name", new byte[] {0}).payload());
        return out.toByteArray();
    }

    static int[] initArgs(int dataEnd) {
        return new int[] {dataEnd, MIN_HEAP, MAX_HEAP, 4 * 65536, 512};
    }

    private static void section(ByteWriter out, int id, byte[] payload) {
        out.writeBytes(framed(id, payload));
    }

    private static byte[] framed(int id, byte[] payload) {
        return new ByteWriter().writeByte(id).writeSized(payload).toByteArray();
    }
}
