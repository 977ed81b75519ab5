package io.rapidbyte.host.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryStateStoreTest {
    private final InMemoryStateStore store = new InMemoryStateStore();

    @Test
    void getOfAMissingKeyIsEmpty() {
        assertEquals(Optional.empty(), store.get("ns", "k"));
    }

    @Test
    void putReplacesAndGetReturnsTheLatestValue() {
        store.put("ns", "k", "v1");
        store.put("ns", "k", "v2");
        assertEquals(Optional.of("v2"), store.get("ns", "k"));
    }

    @Test
    void namespacesAreIsolated() {
        store.put("a", "k", "in-a");
        store.put("b", "k", "in-b");
        store.put("a:k", "", "tricky");
        assertEquals(Optional.of("in-a"), store.get("a", "k"));
        assertEquals(Optional.of("in-b"), store.get("b", "k"));
        assertEquals(Optional.empty(), store.get("a", ":k"));
        assertEquals(Map.of("k", "in-a"), store.snapshot("a"));
    }

    @Test
    void casWithNoExpectedValueOnlyCreates() {
        assertTrue(store.compareAndSet("ns", "k", null, "first"));
        assertFalse(store.compareAndSet("ns", "k", null, "second"));
        assertEquals(Optional.of("first"), store.get("ns", "k"));
    }

    @Test
    void casReplacesOnlyTheExpectedValue() {
        store.put("ns", "k", "v1");
        assertFalse(store.compareAndSet("ns", "k", "other", "v2"));
        assertEquals(Optional.of("v1"), store.get("ns", "k"));
        assertTrue(store.compareAndSet("ns", "k", "v1", "v2"));
        assertEquals(Optional.of("v2"), store.get("ns", "k"));
        assertFalse(store.compareAndSet("ns", "missing", "v1", "v2"), "expected value of an absent key never matches");
        assertEquals(Optional.empty(), store.get("ns", "missing"));
    }

    @Test
    void rejectsNulls() {
        assertThrows(NullPointerException.class, () -> store.get(null, "k"));
        assertThrows(NullPointerException.class, () -> store.get("ns", null));
        assertThrows(NullPointerException.class, () -> store.put("ns", "k", null));
        assertThrows(NullPointerException.class, () -> store.compareAndSet("ns", "k", null, null));
    }

    @Test
    void concurrentCasIncrementsLoseNothing() throws InterruptedException {
        int threads = 4;
        int increments = 2_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                for (int i = 0; i < increments; i++) {
                    while (true) {
                        String current = store.get("ns", "counter").orElse(null);
                        String next = String.valueOf(current == null ? 1 : Integer.parseInt(current) + 1);
                        if (store.compareAndSet("ns", "counter", current, next)) {
                            break;
                        }
                    }
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(Optional.of(String.valueOf(threads * increments)), store.get("ns", "counter"));
    }
}
