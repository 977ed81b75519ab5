package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.ConstantEvaluators;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An unshared guest linear memory whose 64 KiB pages come from a {@link MemoryPagePool}: our own
 * implementation of Chicory's {@link Memory} interface. It exists because Chicory's memories
 * allocate their pages themselves and cannot take them from a pool, so without it every new
 * instance would allocate its whole memory again.
 *
 * <p><b>Layout.</b> Page {@code addr >>> 16} holds the byte at {@code addr & 0xFFFF}. An access
 * that fits in one page is one array view read or write (little-endian, as wasm requires); one
 * that straddles two pages goes byte by byte. Every access is bounds-checked against the current
 * size and traps with a {@link WasmRuntimeException} ("out of bounds memory access") as the
 * interpreter expects.
 *
 * <p><b>Ownership.</b> The memory owns its pages from construction or {@link #grow} until
 * {@link #release()}, which gives them back to the pool; after that every access traps and
 * {@code grow} fails, while {@link #pages()} still reports the size.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: confined to the thread running its instance (one at
 * a time), and released only once the instance can no longer run. Shared (threads) memories are
 * not made of this class.
 */
final class PagedMemory implements Memory {
    private static final int PAGE_SHIFT = 16;
    private static final int IN_PAGE = PAGE_SIZE - 1;
    private static final VarHandle SHORTS = view(short[].class);
    private static final VarHandle INTS = view(int[].class);
    private static final VarHandle LONGS = view(long[].class);

    private final MemoryLimits limits;
    private final MemoryPagePool pool;
    private final int maxPages;
    /** Pages {@code [0, pageCount)} are this memory's; slots beyond are null. */
    private byte[][] pages;
    private int pageCount;
    /** Bytes an access may reach: the size in bytes, or 0 once released. */
    private int reachable;
    private boolean released;
    /** The module's data segments by index; a dropped (or active, once applied) one is null. */
    private DataSegment[] segments = new DataSegment[0];

    PagedMemory(MemoryLimits limits, MemoryPagePool pool) {
        this.limits = limits;
        this.pool = pool;
        this.maxPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
        int initial = limits.initialPages();
        if (initial > maxPages) {
            throw new WasmRuntimeException("initial memory of " + initial + " pages exceeds the maximum of " + maxPages);
        }
        this.pages = new byte[Math.max(initial, 1)][];
        pool.take(pages, 0, initial);
        this.pageCount = initial;
        this.reachable = initial * PAGE_SIZE;
    }

    private static VarHandle view(Class<?> arrayType) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
    }

    /** Gives the pages back to the pool; idempotent. Only once the instance can no longer run. */
    void release() {
        if (released) {
            return;
        }
        released = true;
        reachable = 0;
        pool.give(pages, 0, pageCount);
    }

    // ---- size ----

    @Override
    public int pages() {
        return pageCount;
    }

    @Override
    public int grow(int delta) {
        int old = pageCount;
        if (released || delta < 0 || (long) old + delta > maxPages) {
            return -1;
        }
        int target = old + delta;
        if (target > pages.length) {
            pages = Arrays.copyOf(pages, Math.min(Math.max(target, pages.length * 2), maxPages));
        }
        pool.take(pages, old, target);
        pageCount = target;
        reachable = target * PAGE_SIZE;
        return old;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return limits.maximumPages();
    }

    @Override
    public boolean shared() {
        return false;
    }

    // ---- bounds ----

    private static WasmRuntimeException outOfBounds() {
        return new WasmRuntimeException("out of bounds memory access");
    }

    /** Traps unless {@code [addr, addr + width)} is reachable; width is 1..8. */
    private void check(int addr, int width) {
        if (addr < 0 || addr > reachable - width) {
            throw outOfBounds();
        }
    }

    /** Traps unless {@code [addr, addr + length)} is reachable; any length. */
    private void checkRange(int addr, int length) {
        if (addr < 0 || length < 0 || addr > reachable - length) {
            throw outOfBounds();
        }
    }

    private byte[] page(int addr) {
        return pages[addr >>> PAGE_SHIFT];
    }

    private static int offset(int addr) {
        return addr & IN_PAGE;
    }

    /** Whether a checked access of {@code width} bytes at {@code addr} stays in one page. */
    private static boolean inOnePage(int addr, int width) {
        return offset(addr) <= PAGE_SIZE - width;
    }

    // ---- accesses across two pages (cold) ----

    private long readAcross(int addr, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            int a = addr + i;
            value |= (page(a)[offset(a)] & 0xFFL) << (8 * i);
        }
        return value;
    }

    private void writeAcross(int addr, long value, int width) {
        for (int i = 0; i < width; i++) {
            int a = addr + i;
            page(a)[offset(a)] = (byte) (value >>> (8 * i));
        }
    }

    // ---- scalar reads ----

    @Override
    public byte read(int addr) {
        check(addr, 1);
        return page(addr)[offset(addr)];
    }

    @Override
    public short readShort(int addr) {
        check(addr, 2);
        if (inOnePage(addr, 2)) {
            return (short) SHORTS.get(page(addr), offset(addr));
        }
        return (short) readAcross(addr, 2);
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public int readInt(int addr) {
        check(addr, 4);
        if (inOnePage(addr, 4)) {
            return (int) INTS.get(page(addr), offset(addr));
        }
        return (int) readAcross(addr, 4);
    }

    @Override
    public long readLong(int addr) {
        check(addr, 8);
        if (inOnePage(addr, 8)) {
            return (long) LONGS.get(page(addr), offset(addr));
        }
        return readAcross(addr, 8);
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    // ---- scalar writes ----

    @Override
    public void writeByte(int addr, byte value) {
        check(addr, 1);
        page(addr)[offset(addr)] = value;
    }

    @Override
    public void writeShort(int addr, short value) {
        check(addr, 2);
        if (inOnePage(addr, 2)) {
            SHORTS.set(page(addr), offset(addr), value);
        } else {
            writeAcross(addr, value, 2);
        }
    }

    @Override
    public void writeI32(int addr, int value) {
        check(addr, 4);
        if (inOnePage(addr, 4)) {
            INTS.set(page(addr), offset(addr), value);
        } else {
            writeAcross(addr, value, 4);
        }
    }

    @Override
    public void writeLong(int addr, long value) {
        check(addr, 8);
        if (inOnePage(addr, 8)) {
            LONGS.set(page(addr), offset(addr), value);
        } else {
            writeAcross(addr, value, 8);
        }
    }

    @Override
    public void writeF32(int addr, float value) {
        writeI32(addr, Float.floatToRawIntBits(value));
    }

    @Override
    public void writeF64(int addr, double value) {
        writeLong(addr, Double.doubleToRawLongBits(value));
    }

    // ---- bulk ----

    @Override
    public byte[] readBytes(int addr, int length) {
        checkRange(addr, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            int a = addr + done;
            int n = Math.min(length - done, PAGE_SIZE - offset(a));
            System.arraycopy(page(a), offset(a), out, done, n);
            done += n;
        }
        return out;
    }

    @Override
    public void write(int addr, byte[] data, int from, int length) {
        Objects.checkFromIndexSize(from, length, data.length);
        checkRange(addr, length);
        int done = 0;
        while (done < length) {
            int a = addr + done;
            int n = Math.min(length - done, PAGE_SIZE - offset(a));
            System.arraycopy(data, from + done, page(a), offset(a), n);
            done += n;
        }
    }

    /** Sets {@code [from, end)} to {@code value}; {@code end} below {@code from} (a wrapped size) traps. */
    @Override
    public void fill(byte value, int from, int end) {
        if (end < from) {
            throw outOfBounds();
        }
        checkRange(from, end - from);
        int a = from;
        while (a < end) {
            int n = Math.min(end - a, PAGE_SIZE - offset(a));
            Arrays.fill(page(a), offset(a), offset(a) + n, value);
            a += n;
        }
    }

    /**
     * memory.copy: moves {@code length} bytes from {@code src} to {@code dest} as if through a
     * temporary buffer, in chunks that stay within one source and one destination page. Overlap
     * is safe because chunks go forwards when the destination is below the source and backwards
     * otherwise, so no chunk overwrites source bytes not yet moved.
     */
    @Override
    public void copy(int dest, int src, int length) {
        checkRange(src, length);
        checkRange(dest, length);
        if (dest <= src) {
            int done = 0;
            while (done < length) {
                int s = src + done;
                int d = dest + done;
                int n = Math.min(length - done, Math.min(PAGE_SIZE - offset(s), PAGE_SIZE - offset(d)));
                System.arraycopy(page(s), offset(s), page(d), offset(d), n);
                done += n;
            }
        } else {
            int left = length;
            while (left > 0) {
                // The chunk ends at src + left / dest + left and reaches back to the nearer page start.
                int sEnd = src + left;
                int dEnd = dest + left;
                int n = Math.min(left, Math.min(offset(sEnd - 1) + 1, offset(dEnd - 1) + 1));
                System.arraycopy(page(sEnd - 1), offset(sEnd - n), page(dEnd - 1), offset(dEnd - n), n);
                left -= n;
            }
        }
    }

    @Override
    public void zero() {
        if (released) {
            return;
        }
        for (int i = 0; i < pageCount; i++) {
            Arrays.fill(pages[i], (byte) 0);
        }
    }

    // ---- data segments ----

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    /**
     * Keeps the passive segments for {@code memory.init} and writes the active ones aimed at
     * memory {@code memoryIndex} at their offsets; an applied active segment counts as dropped,
     * as the wasm spec says.
     */
    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        segments = dataSegments.clone();
        for (int i = 0; i < segments.length; i++) {
            if (segments[i] instanceof ActiveDataSegment active) {
                segments[i] = null;
                if (active.index() == memoryIndex) {
                    int at = (int) ConstantEvaluators.computeConstantValue(instance, active.offsetInstructions())[0];
                    byte[] data = active.data();
                    write(at, data, 0, data.length);
                }
            }
        }
    }

    /** memory.init: copies {@code size} bytes of segment {@code segment} from {@code offset} to {@code dest}. */
    @Override
    public void initPassiveSegment(int segment, int dest, int offset, int size) {
        DataSegment kept = segments[segment];
        int available = kept == null ? 0 : kept.data().length;
        if (offset < 0 || size < 0 || offset > available - size) {
            throw outOfBounds();
        }
        checkRange(dest, size);
        if (size > 0) {
            write(dest, kept.data(), offset, size);
        }
    }

    @Override
    public void drop(int segment) {
        segments[segment] = null;
    }

    // ---- threads: an unshared memory has no other thread to wait for or wake ----

    @Override
    public Object lock(int addr) {
        return this;
    }

    @Override
    public int waitOn(int addr, int expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    public int waitOn(int addr, long expected, long timeout) {
        throw new WasmRuntimeException("expected shared memory");
    }

    @Override
    public int notify(int addr, int count) {
        check(addr, 4);
        return 0;
    }
}
