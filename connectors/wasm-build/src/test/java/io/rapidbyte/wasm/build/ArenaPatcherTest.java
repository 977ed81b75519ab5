package io.rapidbyte.wasm.build;

import static io.rapidbyte.wasm.build.TestModules.MAX_HEAP;
import static io.rapidbyte.wasm.build.TestModules.MIN_HEAP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArenaPatcherTest {
    private static final int ARENA = 4 << 20;
    private static final int DATA_END = 70_003; // deliberately neither 16- nor page-aligned

    @Test
    void shiftsHeapStartAndMemoryLimitsByTheArena() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 2, 2100, TestModules.initArgs(DATA_END)));
        ArenaLayout layout = ArenaPatcher.patch(module, ARENA, MIN_HEAP, MAX_HEAP);

        assertEquals(70_016, layout.base());
        assertEquals(ARENA, layout.size());
        assertEquals(2 + 64, layout.minPages());
        assertEquals(2100 + 64, layout.maxPages());

        WasmModule reparsed = WasmModule.parse(module.toBytes());
        ByteReader memory = new ByteReader(reparsed.section(WasmSection.MEMORY).payload());
        assertEquals(1, memory.readU32());
        assertEquals(1, memory.readByte());
        assertEquals(66, memory.readU32());
        assertEquals(2164, memory.readU32());

        List<Integer> consts = startFunctionConstants(reparsed);
        assertEquals(List.of(DATA_END + ARENA, MIN_HEAP, MAX_HEAP, 262144, 512), consts);
    }

    @Test
    void writesTheHeaderSegmentAtTheArenaEnd() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 2, 2100, TestModules.initArgs(DATA_END)));
        ArenaLayout layout = ArenaPatcher.patch(module, ARENA, MIN_HEAP, MAX_HEAP);

        ByteReader data = new ByteReader(module.section(WasmSection.DATA).payload());
        assertEquals(2, data.readU32());
        skipSegment(data);
        assertEquals(0, data.readByte());
        assertEquals(0x41, data.readByte());
        assertEquals(layout.headerAddress(), data.readS32());
        assertEquals(0x0B, data.readByte());
        byte[] header = data.readBytes(data.readU32());
        assertArrayEquals(ArenaPatcher.header(70_016, ARENA), header);
        assertEquals("RBARENA1", new String(header, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        // TeaVM's WASI buffer starts at align16(start + arena), which is exactly the arena's end.
        assertEquals(((DATA_END + ARENA) + 15) & ~15, layout.base() + layout.size());
        assertTrue(data.atEnd());
    }

    @Test
    void keepsOtherSectionsIntact() {
        byte[] original = TestModules.teavmLike(DATA_END, 2, 2100, TestModules.initArgs(DATA_END));
        WasmModule module = WasmModule.parse(original);
        List<Integer> idsBefore = ids(module);
        ArenaPatcher.patch(module, ARENA, MIN_HEAP, MAX_HEAP);
        assertEquals(idsBefore, ids(WasmModule.parse(module.toBytes())));
    }

    @Test
    void refusesAnInitCallWithOtherHeapSizes() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 2, 2100, TestModules.initArgs(DATA_END)));
        WasmFormatException e = assertThrows(WasmFormatException.class,
                () -> ArenaPatcher.patch(module, ARENA, MIN_HEAP, 64 << 20));
        assertTrue(e.getMessage().contains("call arguments"), e.getMessage());
    }

    @Test
    void refusesAMinimumThatDoesNotMatchTheDataEnd() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 5, 2100, TestModules.initArgs(DATA_END)));
        assertThrows(WasmFormatException.class, () -> ArenaPatcher.patch(module, ARENA, MIN_HEAP, MAX_HEAP));
    }

    @Test
    void refusesArenaSizesThatAreNotWholePages() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 2, 2100, TestModules.initArgs(DATA_END)));
        assertThrows(IllegalArgumentException.class, () -> ArenaPatcher.patch(module, 1000, MIN_HEAP, MAX_HEAP));
    }

    @Test
    void refusesMemoryBeyondFourGiB() {
        WasmModule module = WasmModule.parse(TestModules.teavmLike(DATA_END, 2, 65_500, TestModules.initArgs(DATA_END)));
        assertThrows(IllegalArgumentException.class, () -> ArenaPatcher.patch(module, ARENA, MIN_HEAP, MAX_HEAP));
    }

    private static List<Integer> ids(WasmModule module) {
        List<Integer> ids = new ArrayList<>();
        module.sections().forEach(s -> ids.add(s.id()));
        return ids;
    }

    private static void skipSegment(ByteReader data) {
        data.readByte();
        data.readByte();
        data.readS32();
        data.readByte();
        data.readBytes(data.readU32());
    }

    /** The i32.const immediates of the start function (body 1 of the test module). */
    private static List<Integer> startFunctionConstants(WasmModule module) {
        ByteReader code = new ByteReader(module.section(WasmSection.CODE).payload());
        assertEquals(2, code.readU32());
        code.readBytes(code.readU32());
        ByteReader body = new ByteReader(code.readBytes(code.readU32()));
        int groups = body.readU32();
        for (int i = 0; i < groups; i++) {
            body.readU32();
            body.readByte();
        }
        List<Integer> consts = new ArrayList<>();
        while (!body.atEnd()) {
            int op = body.readByte();
            if (op == 0x41) {
                consts.add(body.readS32());
            } else if (op == 0x10) {
                body.readU32();
            }
        }
        return consts;
    }
}
