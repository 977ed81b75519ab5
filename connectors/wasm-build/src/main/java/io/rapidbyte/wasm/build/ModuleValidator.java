package io.rapidbyte.wasm.build;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.NameCustomSection;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Validates a module with Chicory's parser, the engine the host runs it on.
 *
 * <p>Why: TeaVM 0.13.1 reports no problem yet can emit a function that fails validation. Seen with
 * {@code ADVANCED}/{@code FULL}: a loop left with {@code break} inside a try block (or
 * try-with-resources) leaves dead code after a block that expects a value on the stack. Such a
 * module would only fail when the host loads it; here it fails the build, naming the first invalid
 * function (by index, and by name from the module's name section). Stateless and thread-safe.
 */
final class ModuleValidator {
    private ModuleValidator() {
    }

    /** Throws {@link BuildFailure} naming {@code what} if {@code module} is not a valid wasm module. */
    static void validate(byte[] module, String what) throws BuildFailure {
        try {
            Parser.parse(module);
        } catch (ChicoryException e) {
            throw new BuildFailure(what + " is not a valid wasm module: " + e.getMessage() + firstInvalidFunction(module),
                    e);
        }
    }

    /**
     * Re-validates function by function to say which one is broken. Uses Chicory 1.7.5's
     * package-private validator through reflection: diagnostics only, so any failure here just
     * leaves the message without the function.
     */
    private static String firstInvalidFunction(byte[] bytes) {
        try {
            WasmModule module = Parser.builder().withValidation(false).build()
                    .parse(() -> new ByteArrayInputStream(bytes));
            Class<?> validatorClass = Class.forName("com.dylibso.chicory.wasm.Validator");
            Constructor<?> constructor = validatorClass.getDeclaredConstructor(WasmModule.class);
            constructor.setAccessible(true);
            Object validator = constructor.newInstance(module);
            Method check = validatorClass.getDeclaredMethod("validateFunction", int.class, FunctionBody.class,
                    FunctionType.class);
            check.setAccessible(true);
            int imported = (int) module.importSection().stream()
                    .filter(i -> i.importType() == ExternalType.FUNCTION).count();
            for (int i = 0; i < module.codeSection().functionBodyCount(); i++) {
                int index = imported + i;
                FunctionType type = module.typeSection().getType(module.functionSection().getFunctionType(i));
                try {
                    check.invoke(validator, index, module.codeSection().getFunctionBody(i), type);
                } catch (InvocationTargetException invalid) {
                    NameCustomSection names = module.nameSection();
                    String name = names != null ? names.nameOfFunction(index) : null;
                    return "\n  first invalid function: #" + index + (name != null ? " " + name
                            : " (rebuild with --debug true for names)");
                }
            }
            return "";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return "";
        }
    }
}
