package io.rapidbyte.sdk.json;

/** Type checks and conversions shared by {@link JsonObject} and {@link JsonArray}. Stateless. */
final class JsonValues {
    private JsonValues() {
    }

    static String asString(Object v, String where) {
        if (v instanceof String) {
            return (String) v;
        }
        throw mismatch(where, "a string", v);
    }

    /** Accepts Long and integral JsonNumbers within range; rejects fractions rather than truncating. */
    static long asLong(Object v, String where) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw mismatch(where, "an integer within 64 bits", v);
    }

    static int asInt(Object v, String where) {
        long value = asLong(v, where);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new JsonException("member " + where + " is out of int range: " + value);
        }
        return (int) value;
    }

    static double asDouble(Object v, String where) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw mismatch(where, "a number", v);
    }

    static boolean asBoolean(Object v, String where) {
        if (v instanceof Boolean) {
            return ((Boolean) v).booleanValue();
        }
        throw mismatch(where, "a boolean", v);
    }

    static JsonObject asObject(Object v, String where) {
        if (v instanceof JsonObject) {
            return (JsonObject) v;
        }
        throw mismatch(where, "an object", v);
    }

    static JsonArray asArray(Object v, String where) {
        if (v instanceof JsonArray) {
            return (JsonArray) v;
        }
        throw mismatch(where, "an array", v);
    }

    private static JsonException mismatch(String where, String expected, Object actual) {
        String kind = actual == null ? "null" : actual instanceof String ? "a string"
                : actual instanceof Number ? "a number " + actual : actual instanceof Boolean ? "a boolean"
                : actual instanceof JsonObject ? "an object" : actual instanceof JsonArray ? "an array"
                : actual.getClass().getName();
        return new JsonException("member " + where + " must be " + expected + ", found " + kind);
    }
}
