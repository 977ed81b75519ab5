package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.text.Utf8;
/**
 * Canonical-ABI strings in guest memory: UTF-8 bytes plus a {@code (ptr, len)} pair. Stateless.
 */
public final class GuestStrings {
    private GuestStrings() {
    }

    /** Copies {@code len} bytes at {@code ptr} out of guest memory and decodes them as UTF-8. */
    public static String load(MemoryAccess memory, int ptr, int len) {
        byte[] bytes = loadBytes(memory, ptr, len);
        return Utf8.decode(bytes, 0, bytes.length);
    }

    /** Copies {@code len} bytes at {@code ptr} into a new Java array. */
    public static byte[] loadBytes(MemoryAccess memory, int ptr, int len) {
        byte[] bytes = new byte[Bounds.arrayLength(len & 0xFFFF_FFFFL, "string")];
        memory.read(ptr, bytes, 0, bytes.length);
        return bytes;
    }

    /**
     * Copies {@code value} as UTF-8 into the arena and writes its pointer at {@code slot} and its
     * length at {@code slot + 4}. An empty string is {@code (1, 0)}, as the canonical ABI allows.
     *
     * @throws io.rapidbyte.sdk.ConnectorException {@code ARENA_EXHAUSTED} when it does not fit
     */
    public static void store(MemoryAccess memory, int slot, String value) {
        byte[] bytes = Utf8.encode(value);
        int ptr = 1;
        if (bytes.length > 0) {
            ptr = Arena.alloc(1, bytes.length);
            if (ptr == 0) {
                throw ConnectorError.internal("ARENA_EXHAUSTED", "string of " + bytes.length
                        + " bytes does not fit the guest arena of " + Arena.capacity() + " bytes").toException();
            }
            memory.write(ptr, bytes, 0, bytes.length);
        }
        memory.putInt(slot, ptr);
        memory.putInt(slot + 4, bytes.length);
    }
}
