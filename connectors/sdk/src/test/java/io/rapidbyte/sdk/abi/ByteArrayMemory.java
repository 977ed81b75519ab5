package io.rapidbyte.sdk.abi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A JVM stand-in for wasm linear memory: little-endian, bounds-checked like a wasm engine. */
final class ByteArrayMemory implements MemoryAccess {
    final ByteBuffer buffer;

    ByteArrayMemory(int size) {
        buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public byte getByte(int address) {
        return buffer.get(address);
    }

    @Override
    public void putByte(int address, byte value) {
        buffer.put(address, value);
    }

    @Override
    public int getInt(int address) {
        return buffer.getInt(address);
    }

    @Override
    public void putInt(int address, int value) {
        buffer.putInt(address, value);
    }

    @Override
    public long getLong(int address) {
        return buffer.getLong(address);
    }

    @Override
    public void putLong(int address, long value) {
        buffer.putLong(address, value);
    }

    @Override
    public void read(int address, byte[] target, int offset, int length) {
        buffer.get(address, target, offset, length);
    }

    @Override
    public void write(int address, byte[] source, int offset, int length) {
        buffer.put(address, source, offset, length);
    }
}
