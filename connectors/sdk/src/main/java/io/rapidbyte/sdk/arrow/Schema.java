package io.rapidbyte.sdk.arrow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An ordered list of top-level fields plus schema-level key/value metadata. Immutable. */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, String> metadata;

    /** @param metadata may be null */
    public Schema(List<Field> fields, Map<String, String> metadata) {
        if (fields == null) {
            throw new IllegalArgumentException("fields are required");
        }
        this.fields = Collections.unmodifiableList(new ArrayList<Field>(fields));
        this.metadata = metadata == null || metadata.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<String, String>(metadata));
    }

    public static Schema of(Field... fields) {
        List<Field> list = new ArrayList<Field>(fields.length);
        for (Field f : fields) {
            list.add(f);
        }
        return new Schema(list, null);
    }

    /** Unmodifiable. */
    public List<Field> fields() {
        return fields;
    }

    public int fieldCount() {
        return fields.size();
    }

    public Field field(int i) {
        return fields.get(i);
    }

    /** Index of the first top-level field called {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Unmodifiable, in insertion order; empty when there is none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Schema && fields.equals(((Schema) o).fields)
                && metadata.equals(((Schema) o).metadata));
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Schema" + fields;
    }
}
