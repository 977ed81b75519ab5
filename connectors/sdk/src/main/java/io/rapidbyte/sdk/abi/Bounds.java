package io.rapidbyte.sdk.abi;

/**
 * Explicit range checks. TeaVM's non-GC backend has no negative-array-size check and its
 * {@code memory.copy} does not know Java array bounds, so every size coming from the host or a
 * caller is checked here before it reaches an allocation or a raw copy. Stateless.
 */
public final class Bounds {
    private Bounds() {
    }

    /** Throws unless {@code [offset, offset + length)} lies inside {@code array}. */
    public static void check(byte[] array, int offset, int length) {
        if (array == null) {
            throw new NullPointerException("array");
        }
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", +" + length + ") outside array of "
                    + array.length);
        }
    }

    /** Returns {@code size} as a Java array length, or throws if it is negative or too large. */
    public static int arrayLength(long size, String what) {
        if (size < 0 || size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(what + " size out of range: " + size);
        }
        return (int) size;
    }
}
