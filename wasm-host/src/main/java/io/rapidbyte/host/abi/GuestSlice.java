package io.rapidbyte.host.abi;

/**
 * A {@code (ptr, len)} pair in guest memory as the canonical ABI flattens strings and lists.
 * Both are unsigned 32-bit values carried in Java ints.
 */
public record GuestSlice(int ptr, int len) {
}
