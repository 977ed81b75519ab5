package io.rapidbyte.sdk.abi;

import org.teavm.interop.Address;

/**
 * The wasm guest's own linear memory, through TeaVM's {@link Address} intrinsics (plain loads,
 * stores and {@code memory.copy}). Only meaningful inside a TeaVM-compiled module. Stateless.
 */
public final class LinearMemory implements MemoryAccess {
    public static final LinearMemory INSTANCE = new LinearMemory();

    private LinearMemory() {
    }

    @Override
    public byte getByte(int address) {
        return Address.fromInt(address).getByte();
    }

    @Override
    public void putByte(int address, byte value) {
        Address.fromInt(address).putByte(value);
    }

    @Override
    public int getInt(int address) {
        return Address.fromInt(address).getInt();
    }

    @Override
    public void putInt(int address, int value) {
        Address.fromInt(address).putInt(value);
    }

    @Override
    public long getLong(int address) {
        return Address.fromInt(address).getLong();
    }

    @Override
    public void putLong(int address, long value) {
        Address.fromInt(address).putLong(value);
    }

    @Override
    public void read(int address, byte[] target, int offset, int length) {
        Bounds.check(target, offset, length);
        if (length > 0) {
            Address.moveMemoryBlock(Address.fromInt(address), Address.ofData(target).add(offset), length);
        }
    }

    @Override
    public void write(int address, byte[] source, int offset, int length) {
        Bounds.check(source, offset, length);
        if (length > 0) {
            Address.moveMemoryBlock(Address.ofData(source).add(offset), Address.fromInt(address), length);
        }
    }

    /** Address of {@code array[offset]} in linear memory; valid only until the next Java allocation. */
    static int addressOf(byte[] array, int offset) {
        return Address.ofData(array).add(offset).toInt();
    }
}
