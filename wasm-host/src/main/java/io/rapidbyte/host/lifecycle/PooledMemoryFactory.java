package io.rapidbyte.host.lifecycle;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The memory factory of one instance: unshared memories get their pages from a
 * {@link MemoryPagePool} ({@link PagedMemory}), shared ones are Chicory's {@link ByteArrayMemory}.
 * It remembers what it made so the instance's teardown can give the pages back, also when
 * instantiation failed half-way.
 *
 * <p>Not thread-safe: used by the thread that builds and closes the instance.
 */
final class PooledMemoryFactory implements Function<MemoryLimits, Memory> {
    private final MemoryPagePool pool;
    private final List<PagedMemory> made = new ArrayList<>(1);

    PooledMemoryFactory(MemoryPagePool pool) {
        this.pool = pool;
    }

    @Override
    public Memory apply(MemoryLimits limits) {
        if (limits.shared()) {
            return new ByteArrayMemory(limits);
        }
        PagedMemory memory = new PagedMemory(limits, pool);
        made.add(memory);
        return memory;
    }

    /** Gives the pages of every memory made back to the pool; only once the instance cannot run. */
    void releaseAll() {
        for (PagedMemory memory : made) {
            memory.release();
        }
    }
}
