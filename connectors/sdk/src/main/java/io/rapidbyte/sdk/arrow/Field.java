package io.rapidbyte.sdk.arrow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named, typed column (or list element) with nullability and optional key/value metadata.
 * Immutable: the constructor copies the children list and metadata map.
 */
public final class Field {
    /** Child name Arrow implementations conventionally give to a list's element field. */
    public static final String LIST_ITEM_NAME = "item";

    private final String name;
    private final ArrowType type;
    private final boolean nullable;
    private final List<Field> children;
    private final Map<String, String> metadata;

    /**
     * @param children exactly one element field for {@link ArrowType.Kind#LIST}, empty or null otherwise
     * @param metadata custom key/value metadata in insertion order; may be null
     */
    public Field(String name, ArrowType type, boolean nullable, List<Field> children, Map<String, String> metadata) {
        if (name == null || type == null) {
            throw new IllegalArgumentException("field name and type are required");
        }
        int childCount = children == null ? 0 : children.size();
        int expected = type.kind() == ArrowType.Kind.LIST ? 1 : 0;
        if (childCount != expected) {
            throw new IllegalArgumentException("field '" + name + "' of type " + type + " needs " + expected
                    + " child field(s), got " + childCount);
        }
        this.name = name;
        this.type = type;
        this.nullable = nullable;
        this.children = childCount == 0 ? Collections.<Field>emptyList()
                : Collections.unmodifiableList(new ArrayList<Field>(children));
        this.metadata = metadata == null || metadata.isEmpty() ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(new LinkedHashMap<String, String>(metadata));
    }

    /** A nullable field without children or metadata. */
    public static Field nullable(String name, ArrowType type) {
        return new Field(name, type, true, null, null);
    }

    /** A non-nullable field without children or metadata. */
    public static Field notNull(String name, ArrowType type) {
        return new Field(name, type, false, null, null);
    }

    /** A list field whose elements are described by {@code element}. */
    public static Field list(String name, boolean nullable, Field element) {
        List<Field> c = new ArrayList<Field>(1);
        c.add(element);
        return new Field(name, ArrowType.LIST, nullable, c, null);
    }

    /** A copy of this field with the given metadata (replacing any existing). */
    public Field withMetadata(Map<String, String> newMetadata) {
        return new Field(name, type, nullable, children, newMetadata);
    }

    public String name() {
        return name;
    }

    public ArrowType type() {
        return type;
    }

    public boolean isNullable() {
        return nullable;
    }

    /** Unmodifiable; one element for lists, empty otherwise. */
    public List<Field> children() {
        return children;
    }

    /** The list element field; only valid for LIST fields. */
    public Field elementField() {
        if (type.kind() != ArrowType.Kind.LIST) {
            throw new IllegalStateException("field '" + name + "' is not a list");
        }
        return children.get(0);
    }

    /** Unmodifiable, in insertion order; empty when there is none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Field)) {
            return false;
        }
        Field f = (Field) o;
        return nullable == f.nullable && name.equals(f.name) && type.equals(f.type)
                && children.equals(f.children) && metadata.equals(f.metadata);
    }

    @Override
    public int hashCode() {
        return ((name.hashCode() * 31 + type.hashCode()) * 31 + (nullable ? 1 : 0)) * 31 + children.hashCode();
    }

    @Override
    public String toString() {
        String t = type.kind() == ArrowType.Kind.LIST ? "list<" + children.get(0) + ">" : type.toString();
        return name + ": " + t + (nullable ? "" : " not null");
    }
}
