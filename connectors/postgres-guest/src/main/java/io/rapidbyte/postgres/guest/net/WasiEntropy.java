package io.rapidbyte.postgres.guest.net;

import io.rapidbyte.sdk.ConnectorError;
import org.teavm.backend.wasm.wasi.Wasi;
import org.teavm.interop.Address;

/**
 * WASI {@code random_get}, which the host backs with {@code SecureRandom} (DESIGN.md); the SDK offers
 * no entropy import of its own. Only usable inside the TeaVM-compiled guest. Stateless.
 */
public final class WasiEntropy implements Entropy {
    @Override
    public void nextBytes(byte[] out) {
        if (out.length == 0) {
            return;
        }
        // No Java allocation between taking the address and the call, so the array cannot move.
        short errno = Wasi.randomGet(Address.ofData(out), out.length);
        if (errno != 0) {
            throw ConnectorError.internal("ENTROPY_FAILED", "WASI random_get failed with errno " + errno)
                    .toException();
        }
    }
}
