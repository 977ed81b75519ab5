package io.rapidbyte.it.chaos;

import io.rapidbyte.it.pipeline.PostgresPipeline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pipeline kinds a chaos run knows, by name. Stateless. */
public final class ChainKinds {
    /** Full refresh, exactly-once source (KIP-618 transactions) into append: dedup by the destination's watermark. */
    public static final ChainKind APPEND_EXACTLY_ONCE = new ChainKind() {
        @Override
        public String name() {
            return "append-eos";
        }

        @Override
        public void configure(PostgresPipeline p) {
            p.source().set("exactly.once.support", "required");
            p.sink().set("wasm.config.write_mode", "append");
        }
    };

    /** Full refresh into upsert by the primary key: a replayed row overwrites itself. */
    public static final ChainKind UPSERT = new ChainKind() {
        @Override
        public String name() {
            return "upsert";
        }

        @Override
        public void configure(PostgresPipeline p) {
            p.source().set("exactly.once.support", "requested");
            p.sink().set("wasm.config.write_mode", "upsert");
        }
    };

    private static final Map<String, ChainKind> BY_NAME = new LinkedHashMap<>();

    static {
        for (ChainKind k : List.of(APPEND_EXACTLY_ONCE, UPSERT)) {
            BY_NAME.put(k.name(), k);
        }
    }

    private ChainKinds() {
    }

    /** @throws IllegalArgumentException naming the known kinds */
    public static ChainKind byName(String name) {
        ChainKind k = BY_NAME.get(name);
        if (k == null) {
            throw new IllegalArgumentException("unknown pipeline kind " + name + " (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return k;
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
