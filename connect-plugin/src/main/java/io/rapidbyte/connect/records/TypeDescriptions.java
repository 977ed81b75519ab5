package io.rapidbyte.connect.records;

/**
 * Canonical text of an Arrow type union value (Schema.fbs {@code Type}) with every parameter
 * decoded and FlatBuffers defaults applied, for {@link SchemaFingerprint}. Stateless.
 */
final class TypeDescriptions {
    private TypeDescriptions() {
    }

    static String describe(int typeId, FlatTable t) {
        return switch (typeId) {
            case 0 -> "none";
            case 1 -> "null";
            case 2 -> "int(" + i32(t, 0, 0) + "," + (bool(t, 1) ? "signed" : "unsigned") + ")";
            case 3 -> "float(" + i16(t, 0, 0) + ")";
            case 4 -> "binary";
            case 5 -> "utf8";
            case 6 -> "bool";
            case 7 -> "decimal(" + i32(t, 0, 0) + "," + i32(t, 1, 0) + "," + i32(t, 2, 128) + ")";
            case 8 -> "date(" + i16(t, 0, 1) + ")";
            case 9 -> "time(" + i16(t, 0, 1) + "," + i32(t, 1, 32) + ")";
            case 10 -> "timestamp(" + i16(t, 0, 0) + "," + timezone(t) + ")";
            case 11 -> "interval(" + i16(t, 0, 0) + ")";
            case 12 -> "list";
            case 13 -> "struct";
            case 14 -> "union(" + i16(t, 0, 0) + "," + typeIds(t) + ")";
            case 15 -> "fixedbinary(" + i32(t, 0, 0) + ")";
            case 16 -> "fixedlist(" + i32(t, 0, 0) + ")";
            case 17 -> "map(" + bool(t, 0) + ")";
            case 18 -> "duration(" + i16(t, 0, 1) + ")";
            case 19 -> "largebinary";
            case 20 -> "largeutf8";
            case 21 -> "largelist";
            case 22 -> "runendencoded";
            case 23 -> "binaryview";
            case 24 -> "utf8view";
            case 25 -> "listview";
            case 26 -> "largelistview";
            default -> throw new InvalidFrameException("unknown Arrow type id " + typeId);
        };
    }

    /** DictionaryEncoding: id (left out: it is a wire detail), index type, ordered, kind. */
    static String dictionary(FlatTable d) {
        FlatTable indexType = d.table(1);
        String index = indexType == null ? "int(32,signed)" : describe(2, indexType);
        return "dict(" + index + "," + d.bool(2) + "," + d.i16(3, 0) + ")";
    }

    private static String timezone(FlatTable t) {
        String tz = t == null ? null : t.string(1);
        return tz == null ? "-" : tz.length() + ":" + tz;
    }

    private static String typeIds(FlatTable t) {
        if (t == null || !t.has(1)) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.vectorLength(1); i++) {
            b.append(i == 0 ? "" : "|").append(t.intAt(1, i));
        }
        return b.toString();
    }

    private static int i32(FlatTable t, int slot, int absent) {
        return t == null ? absent : t.i32(slot, absent);
    }

    private static int i16(FlatTable t, int slot, int absent) {
        return t == null ? absent : t.i16(slot, absent);
    }

    private static boolean bool(FlatTable t, int slot) {
        return t != null && t.bool(slot);
    }
}
