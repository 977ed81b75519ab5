package io.rapidbyte.wasm.build;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the bytecode length of every method straight from a class file (JVMS §4: constant pool,
 * fields, then each method's {@code Code} attribute), which is the figure HotSpot compares with
 * its huge-method limit. Stateless.
 */
final class ClassFileMethods {
    private ClassFileMethods() {
    }

    /** Method name → {@code code_length} (overloads keep the largest; abstract and native methods are left out). */
    static Map<String, Integer> codeLengths(byte[] classFile) {
        ByteBuffer b = ByteBuffer.wrap(classFile);
        if (b.getInt() != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        b.getInt(); // minor, major version
        int poolSize = b.getShort() & 0xFFFF;
        String[] utf8 = new String[poolSize];
        for (int i = 1; i < poolSize; i++) {
            int tag = b.get() & 0xFF;
            switch (tag) {
                case 1 -> {
                    byte[] s = new byte[b.getShort() & 0xFFFF];
                    b.get(s);
                    utf8[i] = new String(s, java.nio.charset.StandardCharsets.UTF_8);
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> b.getInt();
                case 5, 6 -> {
                    b.getLong();
                    i++; // eight-byte constants take two slots
                }
                case 7, 8, 16, 19, 20 -> b.getShort();
                case 15 -> {
                    b.get();
                    b.getShort();
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        b.getShort(); // access flags
        b.getShort(); // this class
        b.getShort(); // super class
        int interfaces = b.getShort() & 0xFFFF;
        b.position(b.position() + 2 * interfaces);
        int fields = b.getShort() & 0xFFFF;
        for (int i = 0; i < fields; i++) {
            b.position(b.position() + 6);
            skipAttributes(b);
        }
        Map<String, Integer> lengths = new LinkedHashMap<>();
        int methods = b.getShort() & 0xFFFF;
        for (int i = 0; i < methods; i++) {
            b.getShort(); // access flags
            String name = utf8[b.getShort() & 0xFFFF];
            b.getShort(); // descriptor
            int attributes = b.getShort() & 0xFFFF;
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[b.getShort() & 0xFFFF];
                int length = b.getInt();
                int next = b.position() + length;
                if ("Code".equals(attribute)) {
                    b.getShort(); // max stack
                    b.getShort(); // max locals
                    lengths.merge(name, b.getInt(), Math::max);
                }
                b.position(next);
            }
        }
        return lengths;
    }

    private static void skipAttributes(ByteBuffer b) {
        int n = b.getShort() & 0xFFFF;
        for (int i = 0; i < n; i++) {
            b.getShort(); // name
            int length = b.getInt();
            b.position(b.position() + length);
        }
    }
}
