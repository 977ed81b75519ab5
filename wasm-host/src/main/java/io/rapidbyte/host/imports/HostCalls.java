package io.rapidbyte.host.imports;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;
import io.rapidbyte.host.abi.AbiTrap;
import io.rapidbyte.host.abi.ReturnArea;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;

/**
 * The error discipline shared by all host functions.
 *
 * <ul>
 *   <li>A {@link ConnectorException} becomes the import's {@code err} result.</li>
 *   <li>Chicory exceptions (traps, interruption) raised by nested calls into the guest
 *       ({@code cabi_realloc}) propagate: the guest is already unwinding.</li>
 *   <li>{@link InterruptedException} from a blocking host operation restores the interrupt
 *       flag and unwinds the guest as a {@link ChicoryInterruptedException}, the same way
 *       Chicory reports an interrupted guest.</li>
 *   <li>Any other runtime exception is a host bug: logged, and returned to the guest as an
 *       {@code internal} error with code {@link #HOST_INTERNAL_ERROR}.</li>
 *   <li>If the error itself cannot be written (return area invalid, allocator failing), the
 *       call traps with {@link AbiTrap}.</li>
 * </ul>
 */
final class HostCalls {
    /** Code of the error a guest receives when the host itself failed unexpectedly. */
    static final String HOST_INTERNAL_ERROR = "HOST_INTERNAL_ERROR";

    private static final System.Logger LOG = System.getLogger(HostCalls.class.getName());

    private HostCalls() {
    }

    /** Body of an import with a {@code result<T, connector-error>}; writes the ok payload. */
    @FunctionalInterface
    interface ResultBody {
        void run(ReturnArea out) throws InterruptedException;
    }

    /** Body of an import without a result. */
    @FunctionalInterface
    interface VoidBody {
        void run() throws InterruptedException;
    }

    /**
     * Runs an import whose last parameter is {@code retptr}. The body must copy every guest
     * parameter out before it allocates in the guest (ABI.md, memory ownership); the error
     * path allocates only after the body has finished.
     */
    static long[] withResult(String name, GuestBinding guest, int retptr, ResultBody body) {
        ReturnArea out = ReturnArea.at(guest.lowering(), retptr);
        ConnectorError error;
        try {
            body.run(out);
            return null;
        } catch (ConnectorException e) {
            error = e.error();
        } catch (InterruptedException e) {
            throw interrupted(name, e);
        } catch (ChicoryException e) {
            throw e;
        } catch (RuntimeException e) {
            error = internal(name, e);
        }
        try {
            out.err(error);
        } catch (ConnectorException e) {
            throw new AbiTrap(name + ": could not return " + error + " to the guest: " + e.error().message());
        }
        return null;
    }

    /**
     * Runs an import without a result. There is no way to report an error, so a
     * {@link ConnectorException} is a trap, which names the code.
     */
    static long[] withoutResult(String name, VoidBody body) {
        try {
            body.run();
            return null;
        } catch (ConnectorException e) {
            throw new AbiTrap(name + ": " + e.error());
        } catch (InterruptedException e) {
            throw interrupted(name, e);
        }
    }

    private static ChicoryInterruptedException interrupted(String name, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ChicoryInterruptedException(name + " was interrupted", e);
    }

    private static ConnectorError internal(String name, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "host function " + name + " failed", e);
        return ConnectorError.of(ErrorCategory.INTERNAL, HOST_INTERNAL_ERROR, name + " failed in the host: " + e);
    }
}
