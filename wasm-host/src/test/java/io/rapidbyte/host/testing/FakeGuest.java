package io.rapidbyte.host.testing;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import io.rapidbyte.host.abi.GuestAllocator;
import io.rapidbyte.host.abi.GuestMemory;
import io.rapidbyte.host.abi.Lowering;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A guest without wasm: a Chicory {@link ByteArrayMemory} of two pages and a bump
 * {@code cabi_realloc} that records its calls. Addresses below {@link #HEAP} are free for a
 * test's own parameters and return areas.
 */
public final class FakeGuest implements GuestAllocator {
    public static final int HEAP = 0x8000;

    public record Call(int oldPtr, int oldSize, int align, int newSize) {
    }

    public final ByteArrayMemory raw = new ByteArrayMemory(new MemoryLimits(2, 2));
    public final GuestMemory memory = new GuestMemory(raw);
    public final List<Call> calls = new ArrayList<>();
    /** When set, the allocator answers this instead of allocating. */
    public Integer forcedAnswer;
    /** Runs on every allocation, e.g. to scribble over memory like a moving GC would. */
    public Runnable onAllocate = () -> { };
    private int next = HEAP;

    @Override
    public int realloc(int oldPtr, int oldSize, int align, int newSize) {
        calls.add(new Call(oldPtr, oldSize, align, newSize));
        onAllocate.run();
        if (forcedAnswer != null) {
            return forcedAnswer;
        }
        next = (next + align - 1) / align * align;
        int ptr = next;
        next += newSize;
        return ptr;
    }

    public Lowering lowering() {
        return new Lowering(memory, this);
    }

    /** Puts {@code text} as UTF-8 at {@code addr} and returns its byte length. */
    public int put(int addr, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        raw.write(addr, bytes);
        return bytes.length;
    }

    public String string(int ptr, int len) {
        return new String(raw.readBytes(ptr, len), StandardCharsets.UTF_8);
    }
}
