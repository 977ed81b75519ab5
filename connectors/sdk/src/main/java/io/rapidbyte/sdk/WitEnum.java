package io.rapidbyte.sdk;

/**
 * Conversions shared by the SDK's mirrors of WIT enums. Every such enum declares its constants in
 * WIT order, so {@code ordinal()} is the canonical-ABI discriminant, and its WIT case name is the
 * constant's name in lower case with {@code -} for {@code _}. Stateless.
 */
final class WitEnum {
    private WitEnum() {
    }

    static String wireName(Enum<?> value) {
        String name = value.name();
        char[] chars = new char[name.length()];
        for (int i = 0; i < chars.length; i++) {
            char c = name.charAt(i);
            chars[i] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
        }
        return new String(chars);
    }

    static <E extends Enum<E>> E fromWireName(E[] values, String name, String what) {
        for (E value : values) {
            if (wireName(value).equals(name)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " \"" + name + "\"");
    }

    static <E extends Enum<E>> E fromOrdinal(E[] values, int ordinal, String what) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new IllegalArgumentException("unknown " + what + " discriminant " + ordinal);
        }
        return values[ordinal];
    }
}
