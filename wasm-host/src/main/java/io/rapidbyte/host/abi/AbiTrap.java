package io.rapidbyte.host.abi;

import com.dylibso.chicory.runtime.TrapException;

/**
 * A canonical-ABI violation the host cannot report back as a {@code connector-error}, for
 * example a return-area pointer outside guest memory or an invalid enum passed to an import
 * without a result. Thrown from inside a host function, it unwinds the guest like any other
 * wasm trap, so the embedder sees the export fail.
 */
public final class AbiTrap extends TrapException {
    public AbiTrap(String message) {
        super(message);
    }
}
