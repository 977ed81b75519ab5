package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModuleValidatorTest {
    @Test
    void acceptsAValidModule() throws Exception {
        ModuleValidator.validate(module(new byte[] {0x00, 0x41, 0x07, 0x0B}), "m");
    }

    @Test
    void namesTheFirstInvalidFunction() {
        // Function 1 returns nothing although its type promises an i32.
        BuildFailure failure = assertThrows(BuildFailure.class,
                () -> ModuleValidator.validate(module(new byte[] {0x00, 0x0B}), "TeaVM's output"));
        assertTrue(failure.getMessage().startsWith("TeaVM's output is not a valid wasm module"), failure.getMessage());
        assertTrue(failure.getMessage().contains("first invalid function: #1"), failure.getMessage());
    }

    /** One import (type 0: () -> ()), one function of type 1 (() -> i32) with {@code body}. */
    private static byte[] module(byte[] body) {
        ByteWriter out = new ByteWriter().writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(out, 1, new ByteWriter().writeU32(2).writeByte(0x60).writeU32(0).writeU32(0)
                .writeByte(0x60).writeU32(0).writeU32(1).writeByte(0x7F).toByteArray());
        section(out, 2, new ByteWriter().writeU32(1).writeName("env").writeName("f").writeByte(0).writeU32(0)
                .toByteArray());
        section(out, 3, new ByteWriter().writeU32(1).writeU32(1).toByteArray());
        section(out, 10, new ByteWriter().writeU32(1).writeSized(body).toByteArray());
        return out.toByteArray();
    }

    private static void section(ByteWriter out, int id, byte[] payload) {
        out.writeByte(id).writeSized(payload);
    }
}
