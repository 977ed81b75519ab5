package io.rapidbyte.wasm.build;

/**
 * One top-level section of a wasm module: its id and raw payload (without the id byte and size).
 *
 * @param id section id (0 = custom, 5 = memory, 8 = start, 10 = code, 11 = data, 12 = data count, ...)
 * @param payload the section's bytes; treated as immutable
 */
record WasmSection(int id, byte[] payload) {
    static final int CUSTOM = 0;
    static final int IMPORT = 2;
    static final int MEMORY = 5;
    static final int START = 8;
    static final int CODE = 10;
    static final int DATA = 11;
    static final int DATA_COUNT = 12;

    /** The name of a custom section, or null for any other section. */
    String customName() {
        return id == CUSTOM ? new ByteReader(payload).readName() : null;
    }

    static WasmSection custom(String name, byte[] content) {
        return new WasmSection(CUSTOM, new ByteWriter().writeName(name).writeBytes(content).toByteArray());
    }
}
