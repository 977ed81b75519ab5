package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;

/**
 * Lifts the {@code result<T, connector-error>} header of an import's return area: tag byte at 0,
 * payload (ok value or error record) at 8. Stateless.
 */
public final class ImportResult {
    /** Offset of the payload in a return area. */
    public static final int PAYLOAD = 8;

    private ImportResult() {
    }

    /** Returns normally for {@code ok}; throws the host's error for {@code err}. */
    public static void check(MemoryAccess memory, int retptr) {
        int tag = memory.getByte(retptr) & 0xFF;
        if (tag == 0) {
            return;
        }
        if (tag == 1) {
            throw new ConnectorException(ErrorCodec.read(memory, retptr + PAYLOAD));
        }
        throw ConnectorError.internal("INVALID_HOST_RESULT", "host wrote result tag " + tag).toException();
    }
}
