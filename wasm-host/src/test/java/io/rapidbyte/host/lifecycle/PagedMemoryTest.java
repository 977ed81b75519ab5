package io.rapidbyte.host.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.rapidbyte.host.testing.WasmBuilder;
import io.rapidbyte.host.testing.WasmBuilder.Op;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PagedMemoryTest {
    private static final int PAGE = Memory.PAGE_SIZE;

    /** What an access did: its value, or the kind of exception it threw. */
    private static Object outcome(Function<Memory, Object> access, Memory m) {
        try {
            return access.apply(m);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    /**
     * Random reads and writes of every width, at page boundaries, in and out of bounds, and
     * grows, done to Chicory's ByteArrayMemory and to ours: every result and every memory byte
     * must be the same.
     */
    @Test
    void behavesLikeChicorysByteArrayMemory() {
        Random random = new Random(42);
        MemoryLimits limits = new MemoryLimits(1, 4);
        Memory theirs = new ByteArrayMemory(limits);
        Memory ours = new PagedMemory(limits, new MemoryPagePool(8));
        for (int step = 0; step < 20_000; step++) {
            int size = theirs.pages() * PAGE;
            int addr = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(size);
                case 1 -> (1 + random.nextInt(theirs.pages())) * PAGE - random.nextInt(9); // straddles a page end
                case 2 -> size - random.nextInt(9) + random.nextInt(9); // around the end of memory
                default -> random.nextInt() | (random.nextBoolean() ? 0 : Integer.MIN_VALUE);
            };
            long value = random.nextLong();
            int kind = random.nextInt(20);
            Function<Memory, Object> access = switch (kind) {
                case 0 -> m -> m.read(addr);
                case 1 -> m -> m.readShort(addr);
                case 2 -> m -> m.readInt(addr);
                case 3 -> m -> m.readLong(addr);
                case 4 -> m -> Float.floatToRawIntBits(m.readFloat(addr));
                case 5 -> m -> Double.doubleToRawLongBits(m.readDouble(addr));
                case 6 -> m -> m.readU16(addr);
                case 7 -> m -> { m.writeByte(addr, (byte) value); return null; };
                case 8 -> m -> { m.writeShort(addr, (short) value); return null; };
                case 9 -> m -> { m.writeI32(addr, (int) value); return null; };
                case 10 -> m -> { m.writeLong(addr, value); return null; };
                case 11 -> m -> { m.writeF32(addr, Float.intBitsToFloat((int) value)); return null; };
                case 12 -> m -> { m.writeF64(addr, Double.longBitsToDouble(value)); return null; };
                case 13 -> m -> java.util.Arrays.hashCode(m.readBytes(addr, (int) (value & 0x3FFFF)));
                case 14 -> m -> {
                    byte[] data = new byte[(int) (value & 0x1FFFF)];
                    new Random(value).nextBytes(data);
                    m.write(addr, data, 0, data.length);
                    return null;
                };
                case 15 -> m -> { m.fill((byte) value, addr, addr + (int) (value & 0x1FFFF)); return null; };
                case 16 -> m -> { m.copy(addr, addr + (int) (value % 70_000), (int) ((value >>> 20) & 0x1FFFF)); return null; };
                case 17 -> m -> m.grow((int) (value & 3));
                case 18 -> m -> m.pages();
                default -> m -> m.atomicAddInt(addr & ~3, (int) value);
            };
            assertEquals(outcome(access, theirs), outcome(access, ours), "step " + step + ", kind " + kind + " at " + addr);
        }
        assertEquals(theirs.pages(), ours.pages());
        assertArrayEquals(theirs.readBytes(0, theirs.pages() * PAGE), ours.readBytes(0, ours.pages() * PAGE));
    }

    @Test
    void outOfBoundsAccessesTrapLikeChicorys() {
        Memory m = new PagedMemory(new MemoryLimits(1, 2), new MemoryPagePool(4));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE));
        assertThrows(WasmRuntimeException.class, () -> m.readInt(PAGE - 2));
        assertThrows(WasmRuntimeException.class, () -> m.writeLong(-1, 0));
        assertEquals(-1, m.grow(2));
        assertEquals(1, m.grow(1));
        m.writeI32(2 * PAGE - 4, 7);
        assertEquals(7, m.readInt(2 * PAGE - 4));
    }

    /** A page beyond the memory's size is never reachable, even when the pool holds one. */
    @Test
    void pooledPagesAreNotReachablePastTheMemorysSize() {
        MemoryPagePool pool = new MemoryPagePool(8);
        PagedMemory first = new PagedMemory(new MemoryLimits(3, 3), pool);
        first.release();
        Memory second = new PagedMemory(new MemoryLimits(1, 3), pool);
        assertThrows(WasmRuntimeException.class, () -> second.read(PAGE));
        assertThrows(WasmRuntimeException.class, () -> second.read(2 * PAGE + 5));
    }

    @Test
    void releasedMemoryTrapsOnEveryAccessButStillReportsItsSize() {
        MemoryPagePool pool = new MemoryPagePool(8);
        PagedMemory m = new PagedMemory(new MemoryLimits(2, 4), pool);
        m.writeI32(100, 1);
        m.release();
        m.release();
        assertEquals(2, pool.freePages(), "released once");
        assertEquals(2, m.pages());
        assertThrows(WasmRuntimeException.class, () -> m.readInt(100));
        assertThrows(WasmRuntimeException.class, () -> m.writeByte(0, (byte) 1));
        assertThrows(WasmRuntimeException.class, () -> m.readBytes(0, 1));
        assertThrows(WasmRuntimeException.class, () -> m.write(0, new byte[1], 0, 1));
        assertEquals(-1, m.grow(1));
    }

    /**
     * Two real instances in turn over one pool: the first fills its memory (grown to three pages)
     * with a pattern, the second grows to the same size on the first's pages and reads nothing
     * but zeros, plus its own data segment.
     */
    @Test
    void aNewInstanceNeverSeesTheBytesOfTheInstanceWhosePagesItReuses() {
        MemoryPagePool pool = new MemoryPagePool(16);
        byte[] wasm = probeModule();

        PooledMemoryFactory firstMemories = new PooledMemoryFactory(pool);
        Instance first = Instance.builder(Parser.parse(wasm)).withMemoryFactory(firstMemories).build();
        assertInstanceOf(PagedMemory.class, first.memory());
        assertEquals(1, first.export("grow").apply(2)[0]);
        for (int addr = 0; addr < 3 * PAGE; addr += 4) {
            first.export("store").apply(addr, 0xA5A5A5A5L);
        }
        firstMemories.releaseAll();
        assertEquals(3, pool.freePages());

        Instance second = Instance.builder(Parser.parse(wasm)).withMemoryFactory(new PooledMemoryFactory(pool)).build();
        assertEquals(1, second.export("grow").apply(2)[0]);
        assertEquals(3, pool.reusedPages());
        assertEquals(0x44434241L, second.export("load").apply(16)[0], "its own data segment");
        for (int addr = 0; addr < 3 * PAGE; addr += 4) {
            if (addr != 16) {
                assertEquals(0L, second.export("load").apply(addr)[0], "byte " + addr + " of the reused pages");
            }
        }
    }

    @Test
    void sharedMemoriesKeepChicorysOwnClass() {
        Memory m = new PooledMemoryFactory(new MemoryPagePool(4)).apply(new MemoryLimits(1, 2, true));
        assertInstanceOf(ByteArrayMemory.class, m);
    }

    /**
     * Every width read and written at every position across the first page end, through the
     * interface's own accessors too: the same values and bytes as Chicory's ByteArrayMemory.
     */
    @Test
    void accessesStraddlingTwoPagesMatchChicorysAtEveryWidth() {
        MemoryLimits limits = new MemoryLimits(2, 2);
        Memory theirs = new ByteArrayMemory(limits);
        Memory ours = new PagedMemory(limits, new MemoryPagePool(4));
        Random random = new Random(7);
        for (int addr = PAGE - 9; addr <= PAGE + 1; addr++) {
            int at = addr;
            for (int width : new int[] {1, 2, 4, 8}) {
                long value = random.nextLong();
                for (Memory m : new Memory[] {theirs, ours}) {
                    switch (width) {
                        case 1 -> m.writeByte(at, (byte) value);
                        case 2 -> m.writeShort(at, (short) value);
                        case 4 -> m.writeI32(at, (int) value);
                        default -> m.writeLong(at, value);
                    }
                }
                java.util.List<Function<Memory, Object>> reads = java.util.List.of(
                        m -> m.read(at), m -> m.readU8(at), m -> m.readI8(at),
                        m -> m.readShort(at), m -> m.readI16(at), m -> m.readU16(at),
                        m -> m.readInt(at), m -> m.readI32(at), m -> m.readU32(at), m -> m.readF32(at),
                        m -> Float.floatToRawIntBits(m.readFloat(at)),
                        m -> m.readLong(at), m -> m.readI64(at), m -> m.readF64(at),
                        m -> Double.doubleToRawLongBits(m.readDouble(at)));
                for (int r = 0; r < reads.size(); r++) {
                    assertEquals(outcome(reads.get(r), theirs), outcome(reads.get(r), ours),
                            "read " + r + " at " + at + " after a write of width " + width);
                }
            }
        }
        assertArrayEquals(theirs.readBytes(0, 2 * PAGE), ours.readBytes(0, 2 * PAGE));
    }

    /** Overlapping copies both ways and fills over several page ends, against a plain array. */
    @Test
    void fillAndOverlappingCopiesAcrossPagesMatchAPlainArray() {
        Memory m = new PagedMemory(new MemoryLimits(4, 4), new MemoryPagePool(8));
        byte[] expected = new byte[4 * PAGE];
        Random random = new Random(11);
        random.nextBytes(expected);
        m.write(0, expected);
        for (int step = 0; step < 300; step++) {
            int length = random.nextInt(3 * PAGE);
            int src = random.nextInt(4 * PAGE - length + 1);
            int dest = random.nextBoolean()
                    ? Math.max(0, Math.min(4 * PAGE - length, src + random.nextInt(257) - 128))
                    : random.nextInt(4 * PAGE - length + 1);
            if (random.nextInt(4) == 0) {
                byte value = (byte) random.nextInt();
                m.fill(value, dest, dest + length);
                java.util.Arrays.fill(expected, dest, dest + length, value);
            } else {
                m.copy(dest, src, length);
                System.arraycopy(expected, src, expected, dest, length);
            }
        }
        assertArrayEquals(expected, m.readBytes(0, 4 * PAGE));
        assertThrows(WasmRuntimeException.class, () -> m.copy(0, 4 * PAGE - 1, 2));
        assertThrows(WasmRuntimeException.class, () -> m.copy(4 * PAGE - 1, 0, 2));
        assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, 4 * PAGE - 1, 4 * PAGE + 1));
        assertThrows(WasmRuntimeException.class, () -> m.fill((byte) 1, 10, 10 + Integer.MIN_VALUE));
        m.copy(4 * PAGE, 0, 0);
        m.fill((byte) 1, 4 * PAGE, 4 * PAGE);
    }

    /**
     * Active segments are written at their offsets (one across a page end) and count as dropped;
     * passive ones serve memory.init until dropped; out-of-range inits trap. Same as Chicory's,
     * but for memory.init of an applied active segment.
     */
    @Test
    void dataSegmentsInitAndDropLikeChicorys() {
        Instance owner = Instance.builder(Parser.parse(probeModule())).build();
        byte[] passive = {1, 2, 3, 4, 5, 6, 7, 8};
        DataSegment[] segments = {
            new ActiveDataSegment(0, java.util.List.of(new Instruction(0, OpCode.I32_CONST, new long[] {PAGE - 3})),
                    new byte[] {9, 8, 7, 6, 5, 4}),
            new PassiveDataSegment(passive),
        };
        MemoryLimits limits = new MemoryLimits(2, 2);
        Memory theirs = new ByteArrayMemory(limits);
        Memory ours = new PagedMemory(limits, new MemoryPagePool(4));
        java.util.List<Function<Memory, Object>> steps = java.util.List.of(
                m -> { m.initialize(owner, segments); return null; },
                m -> m.readBytes(PAGE - 4, 8),
                m -> { m.initPassiveSegment(1, PAGE - 2, 1, 6); return null; },
                m -> m.readBytes(PAGE - 4, 8),
                m -> { m.initPassiveSegment(1, 0, 4, 5); return null; },
                m -> { m.initPassiveSegment(1, 2 * PAGE - 2, 0, 3); return null; },
                m -> { m.initPassiveSegment(0, 0, 0, 0); return null; },
                m -> { m.drop(1); return null; },
                m -> { m.initPassiveSegment(1, 0, 0, 1); return null; },
                m -> { m.initPassiveSegment(1, 0, 0, 0); return null; },
                m -> java.util.Arrays.hashCode(m.readBytes(0, 2 * PAGE)));
        for (int i = 0; i < steps.size(); i++) {
            Object expected = outcome(steps.get(i), theirs);
            Object actual = outcome(steps.get(i), ours);
            if (expected instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) actual, "step " + i);
            } else {
                assertEquals(expected, actual, "step " + i);
            }
        }
        // The wasm spec drops an active segment once instantiation applied it, so memory.init of
        // any of its bytes traps; Chicory's memory keeps it, so this one is ours alone.
        assertThrows(WasmRuntimeException.class, () -> ours.initPassiveSegment(0, 0, 0, 1));
    }

    /** {@code load(addr) -> i32}, {@code store(addr, value)}, {@code grow(pages) -> old size}; data "ABCD" at 16. */
    private static byte[] probeModule() {
        WasmBuilder b = new WasmBuilder().memory(1, 4).data(16, new byte[] {'A', 'B', 'C', 'D'});
        byte[] i32 = {WasmBuilder.I32};
        byte[] i32i32 = {WasmBuilder.I32, WasmBuilder.I32};
        int load = b.function(i32, i32, 0, Op.seq(Op.localGet(0), (byte) 0x28, (byte) 2, (byte) 0));
        int store = b.function(i32i32, new byte[0], 0, Op.seq(Op.localGet(0), Op.localGet(1), (byte) 0x36, (byte) 2, (byte) 0));
        int grow = b.function(i32, i32, 0, Op.seq(Op.localGet(0), (byte) 0x40, (byte) 0));
        return b.exportFunction("load", load).exportFunction("store", store).exportFunction("grow", grow).build();
    }
}
