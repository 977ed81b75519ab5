package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;

/**
 * Lifts and lowers {@code connector-error} (size 56, align 8) at an address, per ABI.md section 2:
 * category @0, scope @1, code @4/@8, message @12/@16, retryable @20, retry-after-ms tag @24 value @32,
 * backoff-class @40, safe-to-retry @41, commit-state tag @42 value @43, details-json tag @44
 * ptr @48 len @52. Stateless.
 */
public final class ErrorCodec {
    public static final int SIZE = 56;

    private ErrorCodec() {
    }

    /** Reads the record at {@code address}; unknown discriminants are reported, not trusted. */
    public static ConnectorError read(MemoryAccess m, int address) {
        try {
            ErrorCategory category = ErrorCategory.fromOrdinal(m.getByte(address) & 0xFF);
            ErrorScope scope = ErrorScope.fromOrdinal(m.getByte(address + 1) & 0xFF);
            String code = GuestStrings.load(m, m.getInt(address + 4), m.getInt(address + 8));
            String message = GuestStrings.load(m, m.getInt(address + 12), m.getInt(address + 16));
            boolean retryable = m.getByte(address + 20) != 0;
            Long retryAfter = m.getByte(address + 24) != 0 ? Long.valueOf(m.getLong(address + 32)) : null;
            BackoffClass backoff = BackoffClass.fromOrdinal(m.getByte(address + 40) & 0xFF);
            boolean safeToRetry = m.getByte(address + 41) != 0;
            CommitState commit = m.getByte(address + 42) != 0
                    ? CommitState.fromOrdinal(m.getByte(address + 43) & 0xFF) : null;
            String details = m.getByte(address + 44) != 0
                    ? GuestStrings.load(m, m.getInt(address + 48), m.getInt(address + 52)) : null;
            return new ConnectorError(category, scope, code, message, retryable, retryAfter, backoff, safeToRetry,
                    commit, details);
        } catch (IllegalArgumentException e) {
            return ConnectorError.internal("INVALID_HOST_ERROR", "host returned a malformed connector-error: "
                    + e.getMessage());
        }
    }

    /** Writes {@code error} at {@code address}; its strings go into the arena. */
    public static void write(MemoryAccess m, int address, ConnectorError error) {
        m.putByte(address, (byte) error.category().ordinal());
        m.putByte(address + 1, (byte) error.scope().ordinal());
        m.putByte(address + 2, (byte) 0);
        m.putByte(address + 3, (byte) 0);
        GuestStrings.store(m, address + 4, error.code());
        GuestStrings.store(m, address + 12, error.message());
        m.putInt(address + 20, error.retryable() ? 1 : 0);
        Long retryAfter = error.retryAfterMs();
        m.putInt(address + 24, retryAfter != null ? 1 : 0);
        m.putInt(address + 28, 0);
        m.putLong(address + 32, retryAfter != null ? retryAfter.longValue() : 0L);
        m.putByte(address + 40, (byte) error.backoffClass().ordinal());
        m.putByte(address + 41, (byte) (error.safeToRetry() ? 1 : 0));
        CommitState commit = error.commitState();
        m.putByte(address + 42, (byte) (commit != null ? 1 : 0));
        m.putByte(address + 43, (byte) (commit != null ? commit.ordinal() : 0));
        String details = error.detailsJson();
        m.putInt(address + 44, details != null ? 1 : 0);
        if (details != null) {
            GuestStrings.store(m, address + 48, details);
        } else {
            m.putLong(address + 48, 0L);
        }
    }
}
