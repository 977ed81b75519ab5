package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class GuestMethodSizesTest {
    /** A class with a static method {@code name} of exactly {@code codeLength} bytes of bytecode. */
    private static byte[] classWithMethod(String name, int codeLength) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "t/Sized", null, "java/lang/Object", new String[] {"java/io/Serializable"});
        cw.visitField(Opcodes.ACC_STATIC, "f", "J", null, 7L).visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "()V", null, null);
        mv.visitCode();
        for (int i = 0; i < codeLength - 1; i++) {
            mv.visitInsn(Opcodes.NOP);
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, "none", "()V", null, null).visitEnd();
        cw.newConst(1.5d); // an eight-byte constant takes two pool slots
        cw.visitEnd();
        return cw.toByteArray();
    }

    @Test
    void readsTheCodeLengthHotSpotComparesWithItsLimit() {
        Map<String, Integer> sizes = ClassFileMethods.codeLengths(classWithMethod("func_12", 8001));
        assertEquals(8001, sizes.get("func_12"));
        assertFalse(sizes.containsKey("none"), "abstract methods have no code");
        assertEquals(17, ClassFileMethods.codeLengths(classWithMethod("small", 17)).get("small"));
    }

    @Test
    void coldListIgnoresCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cold-functions.txt");
        Files.writeString(file, "# header\n\nmeth_a   # once per run\n  meth_b\n");
        assertEquals(Set.of("meth_a", "meth_b"), GuestMethodSizes.readCold(file));
        assertEquals(Set.of(), GuestMethodSizes.readCold(dir.resolve("missing.txt")));
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ClassFileMethods.codeLengths(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    }
}
