package io.rapidbyte.sdk.abi;

import org.teavm.backend.wasm.WasmHeap;
import org.teavm.interop.Address;

/**
 * The guest's non-moving scratch memory for everything the host writes into: {@code cabi_realloc}
 * results, import return areas, export return areas and the strings they point to.
 *
 * <h2>Why a separate arena</h2>
 * TeaVM 0.13.1's collector compacts the heap, so a Java array may move at any allocation. The host
 * calls back into the guest ({@code cabi_realloc}) in the middle of an import and writes into memory
 * it obtained earlier, so that memory must not be in the moving heap. Guest data passed <em>to</em>
 * the host (chunks, strings) can stay in Java arrays: the host copies parameters out before it
 * calls back, and {@code cabi_realloc} never allocates Java objects, so nothing moves during an
 * import.
 *
 * <h2>Where it is</h2>
 * {@code rapidbyte-wasm-build} shifts TeaVM's heap start (the {@code initHeap} argument in the
 * module's start function) up by the arena size and raises the declared memory limits by as many
 * pages. The arena therefore sits between TeaVM's static data and its WASI buffer, costs exactly its
 * own size, and is always inside the initial memory (no {@code memory.grow} at run time). Its last 16
 * bytes, ending exactly at {@code WasmHeap.buffer}, hold a header written by a data segment: ASCII
 * {@code RBARENA1}, base and size (little-endian u32). {@link #ready()} checks it at start-up and
 * traps with a message on stderr when the module was not post-processed.
 *
 * <h2>Lifetime</h2>
 * A bump allocator: {@link #reset()} frees everything. The SDK resets at the start of every import
 * wrapper (after earlier results were copied into Java objects), after copying an export's
 * parameters, before writing an export's return area, and in {@code cabi_post_*}. Nothing allocated
 * here survives the next host call.
 *
 * <p>State is static primitives only, so {@code cabi_realloc} never triggers class initialisation or
 * a Java allocation. Single-threaded by construction (wasm guest).
 */
public final class Arena {
    /** Bytes kept free for return areas and error strings when sizing frame-read chunks. */
    static final int RESERVE = 64 * 1024;
    /** Size and alignment of every return area (the largest, result with connector-error, is 64). */
    public static final int RETURN_AREA_SIZE = 64;
    static final int HEADER_SIZE = 16;
    private static final long MAGIC = 0x3141_4e45_5241_4252L; // "RBARENA1" little-endian

    private static int base;
    private static int limit;
    private static int top;
    private static boolean configured;

    private Arena() {
    }

    /**
     * Locates and validates the arena header the first time; afterwards a no-op. Traps (with a
     * message on stderr) if the module was not post-processed by {@code rapidbyte-wasm-build}.
     */
    public static void ready() {
        if (configured) {
            return;
        }
        int end = WasmHeap.buffer.toInt();
        int header = end - HEADER_SIZE;
        long magic = Address.fromInt(header).getLong();
        int headerBase = Address.fromInt(header + 8).getInt();
        int size = Address.fromInt(header + 12).getInt();
        if (magic != MAGIC || headerBase + size != end || size <= RESERVE) {
            Traps.trap("rapidbyte SDK: no arena header below TeaVM's heap; build the module with "
                    + "rapidbyte-wasm-build (io.rapidbyte.wasm.build.WasmBuildCli)");
        }
        configure(headerBase, size - HEADER_SIZE);
    }

    /** Uses {@code [base, base + size)} as the arena. Called by {@link #ready()}; tests call it directly. */
    static void configure(int arenaBase, int size) {
        base = arenaBase;
        limit = arenaBase + size;
        top = arenaBase;
        configured = true;
    }

    /** Frees every allocation. */
    public static void reset() {
        top = base;
    }

    /**
     * Allocates {@code size} bytes aligned to {@code align} (a power of two up to 8), or returns 0
     * when they do not fit. Never a Java allocation.
     */
    public static int alloc(int align, int size) {
        if (!configured || size < 0 || align <= 0 || align > 8 || (align & (align - 1)) != 0) {
            return 0;
        }
        int start = (top + align - 1) & -align;
        if (start < top || size > limit - start) {
            return 0;
        }
        top = start + size;
        return start;
    }

    /** Resets the arena and returns a fresh 64-byte, 8-aligned return area for one host call. */
    public static int beginCall() {
        ready();
        reset();
        return alloc(8, RETURN_AREA_SIZE);
    }

    /** Bytes a single host-returned list may take while a return area and error strings still fit. */
    public static int maxChunk() {
        ready();
        return limit - base - RESERVE;
    }

    /** Total usable bytes. */
    public static int capacity() {
        return limit - base;
    }

    /** Bytes currently allocated. */
    public static int used() {
        return top - base;
    }

    public static int base() {
        return base;
    }
}
