package io.rapidbyte.wasm.build;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reserves a non-moving arena for the guest SDK in a TeaVM 0.13.1 WASI module, below TeaVM's heap.
 *
 * <p>Why: TeaVM's garbage collector compacts its heap, so memory the host writes after calling back
 * into the guest ({@code cabi_realloc} results, import return areas) must live outside it. TeaVM lays
 * memory out as static data (from 256), then at {@code start} = end of data: the 512-byte WASI
 * buffer, the 256 KiB shadow stack, the heap, and the GC's regions, card table and storage, which
 * move up as the heap grows, up to exactly the declared maximum memory. Rather than placing the
 * arena above that maximum (which would force the whole maximum to be committed at start-up), this
 * patch shifts TeaVM's runtime areas up by the arena size:
 *
 * <ul>
 *   <li>the {@code start} argument of the {@code initHeap} call in the start function grows by the
 *       arena size (see {@link InitHeapCall});</li>
 *   <li>the memory's declared minimum and maximum grow by the arena's pages, so TeaVM's own
 *       page arithmetic ({@code memoryLimit = align(start, 64 KiB)}) stays exact;</li>
 *   <li>a data segment writes a 16-byte header into the arena's last bytes, which end exactly at
 *       TeaVM's {@code WasmHeap.buffer}: the ASCII magic {@code RBARENA1}, then the arena base and
 *       size as little-endian u32. The SDK finds and checks it there at start-up.</li>
 * </ul>
 *
 * <p>The arena costs exactly its own size in memory and leaves TeaVM's heap growth lazy.
 * Stateless and thread-safe.
 */
public final class ArenaPatcher {
    public static final int PAGE = 65536;
    public static final int HEADER_SIZE = 16;
    public static final byte[] MAGIC = "RBARENA1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_PAGES = 65536;

    private ArenaPatcher() {
    }

    /**
     * Moves TeaVM's heap up by {@code arenaSize} bytes and records the arena header.
     *
     * @param arenaSize arena bytes, a positive multiple of 64 KiB
     * @param minHeap the min heap size TeaVM was configured with (used to recognise its init call)
     * @param maxHeap the max heap size TeaVM was configured with
     */
    public static ArenaLayout patch(WasmModule module, int arenaSize, int minHeap, int maxHeap) {
        if (arenaSize <= 0 || arenaSize % PAGE != 0) {
            throw new IllegalArgumentException("arena size must be a positive multiple of 64 KiB: " + arenaSize);
        }
        WasmSection code = module.section(WasmSection.CODE);
        if (code == null) {
            throw new WasmFormatException("module has no code section");
        }
        List<byte[]> bodies = readBodies(code);
        InitHeapCall init = InitHeapCall.locate(module, bodies, minHeap, maxHeap);
        int[] limits = readMemoryLimits(module);
        int expectedMin = (int) ((init.heapStart + (long) PAGE - 1) / PAGE);
        if (limits[0] != expectedMin) {
            throw new WasmFormatException("declared min memory " + limits[0] + " pages does not match TeaVM's "
                    + "data end " + init.heapStart + "; not TeaVM 0.13.1's layout");
        }
        int pages = arenaSize / PAGE;
        int newMax = limits[1] + pages;
        if (newMax > MAX_PAGES) {
            throw new IllegalArgumentException("arena of " + arenaSize + " bytes pushes memory past 4 GiB");
        }
        int base = (init.heapStart + 15) & ~15;

        bodies.set(init.bodyIndex, withNewStart(bodies.get(init.bodyIndex), init, init.heapStart + arenaSize));
        module.replace(code, writeBodies(bodies));
        module.replace(module.section(WasmSection.MEMORY), memorySection(limits[0] + pages, newMax));
        appendHeaderSegment(module, base, arenaSize);
        return new ArenaLayout(base, arenaSize, limits[0] + pages, newMax);
    }

    /** The 16-byte header the SDK validates: magic, base, size. */
    static byte[] header(int base, int size) {
        return ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).putInt(base).putInt(size).array();
    }

    private static List<byte[]> readBodies(WasmSection code) {
        ByteReader reader = new ByteReader(code.payload());
        int count = reader.readU32();
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(reader.readBytes(reader.readU32()));
        }
        return bodies;
    }

    private static WasmSection writeBodies(List<byte[]> bodies) {
        ByteWriter out = new ByteWriter().writeU32(bodies.size());
        for (byte[] body : bodies) {
            out.writeSized(body);
        }
        return new WasmSection(WasmSection.CODE, out.toByteArray());
    }

    private static byte[] withNewStart(byte[] body, InitHeapCall init, int newStart) {
        byte[] immediate = new ByteWriter().writeS32(newStart).toByteArray();
        int tail = init.startImmediateOffset + init.startImmediateLength;
        return new ByteWriter()
                .writeBytes(java.util.Arrays.copyOfRange(body, 0, init.startImmediateOffset))
                .writeBytes(immediate)
                .writeBytes(java.util.Arrays.copyOfRange(body, tail, body.length))
                .toByteArray();
    }

    /** Returns {min, max} pages of the module's single defined memory, which must declare a maximum. */
    private static int[] readMemoryLimits(WasmModule module) {
        WasmSection memory = module.section(WasmSection.MEMORY);
        if (memory == null) {
            throw new WasmFormatException("module defines no memory");
        }
        ByteReader reader = new ByteReader(memory.payload());
        if (reader.readU32() != 1) {
            throw new WasmFormatException("module must define exactly one memory");
        }
        int flags = reader.readByte();
        if (flags != 1) {
            throw new WasmFormatException("memory limits flags " + flags + "; expected a 32-bit memory with a max");
        }
        return new int[] {reader.readU32(), reader.readU32()};
    }

    private static WasmSection memorySection(int min, int max) {
        return new WasmSection(WasmSection.MEMORY,
                new ByteWriter().writeU32(1).writeByte(1).writeU32(min).writeU32(max).toByteArray());
    }

    private static void appendHeaderSegment(WasmModule module, int base, int size) {
        ByteWriter segment = new ByteWriter()
                .writeByte(0) // active, memory 0
                .writeByte(0x41).writeS32(base + size - HEADER_SIZE).writeByte(0x0B)
                .writeSized(header(base, size));
        WasmSection data = module.section(WasmSection.DATA);
        if (data == null) {
            module.insertOrdered(new WasmSection(WasmSection.DATA,
                    new ByteWriter().writeU32(1).writeBytes(segment.toByteArray()).toByteArray()));
        } else {
            ByteReader reader = new ByteReader(data.payload());
            int count = reader.readU32();
            byte[] rest = reader.readBytes(data.payload().length - reader.position());
            module.replace(data, new WasmSection(WasmSection.DATA, new ByteWriter()
                    .writeU32(count + 1L).writeBytes(rest).writeBytes(segment.toByteArray()).toByteArray()));
        }
        WasmSection dataCount = module.section(WasmSection.DATA_COUNT);
        if (dataCount != null) {
            int count = new ByteReader(dataCount.payload()).readU32();
            module.replace(dataCount,
                    new WasmSection(WasmSection.DATA_COUNT, new ByteWriter().writeU32(count + 1L).toByteArray()));
        }
    }
}
