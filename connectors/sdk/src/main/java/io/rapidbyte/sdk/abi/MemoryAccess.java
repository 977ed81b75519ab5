package io.rapidbyte.sdk.abi;

/**
 * Little-endian access to the guest's linear memory by address.
 *
 * <p>The canonical-ABI encoders ({@link ErrorCodec}, {@link ReturnAreaWriter}, {@link ImportResult})
 * are written against this interface so they can be unit-tested on the JVM over a byte array; in
 * wasm the only implementation is {@link LinearMemory}, which TeaVM then calls directly.
 * Implementations are not thread-safe (a wasm guest is single-threaded).
 */
public interface MemoryAccess {
    byte getByte(int address);

    void putByte(int address, byte value);

    int getInt(int address);

    void putInt(int address, int value);

    long getLong(int address);

    void putLong(int address, long value);

    /** Copies {@code length} bytes at {@code address} into {@code target[offset..]}. */
    void read(int address, byte[] target, int offset, int length);

    /** Copies {@code source[offset..offset+length)} to {@code address}. */
    void write(int address, byte[] source, int offset, int length);
}
