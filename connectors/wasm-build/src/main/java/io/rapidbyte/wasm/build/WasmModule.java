package io.rapidbyte.wasm.build;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A wasm binary split into its top-level sections, editable as a list and serialisable again.
 *
 * <p>Only the section framing is decoded here; the editors that need a section's contents
 * ({@link ArenaPatcher}, {@link ManifestSection}) decode just that section. Not thread-safe.
 */
public final class WasmModule {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private final List<WasmSection> sections;

    private WasmModule(List<WasmSection> sections) {
        this.sections = sections;
    }

    /** Splits a core wasm module (binary format version 1) into sections. */
    public static WasmModule parse(byte[] bytes) {
        if (bytes.length < HEADER.length || !Arrays.equals(Arrays.copyOf(bytes, HEADER.length), HEADER)) {
            throw new WasmFormatException("not a version-1 core wasm module (bad magic/version)");
        }
        ByteReader reader = new ByteReader(bytes, HEADER.length, bytes.length);
        List<WasmSection> sections = new ArrayList<>();
        while (!reader.atEnd()) {
            int id = reader.readByte();
            int size = reader.readU32();
            sections.add(new WasmSection(id, reader.readBytes(size)));
        }
        return new WasmModule(sections);
    }

    List<WasmSection> sections() {
        return sections;
    }

    /** The first section with this id, or null. Custom sections may repeat; use {@link #customSection}. */
    WasmSection section(int id) {
        for (WasmSection s : sections) {
            if (s.id() == id) {
                return s;
            }
        }
        return null;
    }

    /** The custom section with this name, or null. */
    public byte[] customSection(String name) {
        for (WasmSection s : sections) {
            if (name.equals(s.customName())) {
                ByteReader reader = new ByteReader(s.payload());
                reader.readName();
                return reader.readBytes(s.payload().length - reader.position());
            }
        }
        return null;
    }

    void replace(WasmSection old, WasmSection replacement) {
        int index = sections.indexOf(old);
        if (index < 0) {
            throw new IllegalArgumentException("section not in module");
        }
        sections.set(index, replacement);
    }

    /** Inserts a known (non-custom) section at its spec-mandated position in the section order. */
    void insertOrdered(WasmSection section) {
        int rank = orderRank(section.id());
        int index = sections.size();
        for (int i = 0; i < sections.size(); i++) {
            WasmSection s = sections.get(i);
            if (s.id() != WasmSection.CUSTOM && orderRank(s.id()) > rank) {
                index = i;
                break;
            }
        }
        sections.add(index, section);
    }

    void append(WasmSection section) {
        sections.add(section);
    }

    public byte[] toBytes() {
        ByteWriter out = new ByteWriter().writeBytes(HEADER);
        for (WasmSection s : sections) {
            out.writeByte(s.id()).writeSized(s.payload());
        }
        return out.toByteArray();
    }

    /** Position in the binary's required order; data count (12) sits between element (9) and code (10). */
    private static int orderRank(int id) {
        switch (id) {
            case WasmSection.DATA_COUNT:
                return 95;
            case 13: // tag section (exception handling) sits between memory and global
                return 55;
            default:
                return id * 10;
        }
    }
}
