package io.rapidbyte.host.abi;

import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.CommitState;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.ErrorScope;
import java.util.OptionalLong;

/**
 * The in-memory layout of {@code connector-error} (size 56, align 8; ABI.md section 2), in both
 * directions. Offsets are relative to the start of the record, which inside a
 * {@code result<T, connector-error>} is 8 bytes into the return area.
 */
public final class ConnectorErrorCodec {
    public static final int SIZE = 56;
    public static final int ALIGN = 8;

    static final int CATEGORY = 0;
    static final int SCOPE = 1;
    static final int CODE = 4;
    static final int MESSAGE = 12;
    static final int RETRYABLE = 20;
    static final int RETRY_AFTER_TAG = 24;
    static final int RETRY_AFTER_VALUE = 32;
    static final int BACKOFF = 40;
    static final int SAFE_TO_RETRY = 41;
    static final int COMMIT_STATE_TAG = 42;
    static final int COMMIT_STATE_VALUE = 43;
    static final int DETAILS_TAG = 44;
    static final int DETAILS_PTR = 48;
    static final int DETAILS_LEN = 52;

    private ConnectorErrorCodec() {
    }

    /**
     * Writes {@code error} at {@code addr}. The strings are allocated through
     * {@code cabi_realloc} first and the fixed fields written afterwards, so nothing written
     * here can be disturbed by the allocator.
     */
    public static void write(Lowering lowering, int addr, ConnectorError error) {
        GuestMemory memory = lowering.memory();
        memory.checkRange(addr, SIZE);
        GuestSlice code = lowering.string(error.code());
        GuestSlice message = lowering.string(error.message());
        GuestSlice details = error.detailsJson() == null ? null : lowering.string(error.detailsJson());

        memory.writeU8(addr + CATEGORY, error.category().ordinal());
        memory.writeU8(addr + SCOPE, error.scope().ordinal());
        writeSlice(memory, addr + CODE, code);
        writeSlice(memory, addr + MESSAGE, message);
        memory.writeU8(addr + RETRYABLE, error.retryable() ? 1 : 0);
        OptionalLong retryAfter = error.retryAfterMs();
        memory.writeU8(addr + RETRY_AFTER_TAG, retryAfter.isPresent() ? 1 : 0);
        memory.writeI64(addr + RETRY_AFTER_VALUE, retryAfter.orElse(0L));
        memory.writeU8(addr + BACKOFF, error.backoffClass().ordinal());
        memory.writeU8(addr + SAFE_TO_RETRY, error.safeToRetry() ? 1 : 0);
        memory.writeU8(addr + COMMIT_STATE_TAG, error.commitState() == null ? 0 : 1);
        memory.writeU8(addr + COMMIT_STATE_VALUE,
                error.commitState() == null ? 0 : error.commitState().ordinal());
        memory.writeU8(addr + DETAILS_TAG, details == null ? 0 : 1);
        memory.writeI32(addr + DETAILS_PTR, details == null ? 0 : details.ptr());
        memory.writeI32(addr + DETAILS_LEN, details == null ? 0 : details.len());
    }

    /**
     * Reads a {@code connector-error} a guest left at {@code addr}, copying its strings out.
     *
     * @throws ConnectorException {@code FRAME_BOUNDS} for pointers outside memory,
     *         {@code INVALID_ARGUMENT} for out-of-range enum or option discriminants
     */
    public static ConnectorError read(GuestMemory memory, int addr) {
        memory.checkRange(addr, SIZE);
        ErrorCategory category = CanonicalEnums.decode(ErrorCategory.values(),
                memory.readU8(addr + CATEGORY), "connector-error.category");
        ErrorScope scope = CanonicalEnums.decode(ErrorScope.values(),
                memory.readU8(addr + SCOPE), "connector-error.scope");
        String code = readSlice(memory, addr + CODE);
        String message = readSlice(memory, addr + MESSAGE);
        boolean retryable = memory.readU8(addr + RETRYABLE) != 0;
        OptionalLong retryAfter = CanonicalEnums.optionTag(memory.readU8(addr + RETRY_AFTER_TAG),
                "connector-error.retry-after-ms")
                ? OptionalLong.of(memory.readI64(addr + RETRY_AFTER_VALUE))
                : OptionalLong.empty();
        BackoffClass backoff = CanonicalEnums.decode(BackoffClass.values(),
                memory.readU8(addr + BACKOFF), "connector-error.backoff-class");
        boolean safeToRetry = memory.readU8(addr + SAFE_TO_RETRY) != 0;
        CommitState commitState = CanonicalEnums.optionTag(memory.readU8(addr + COMMIT_STATE_TAG),
                "connector-error.commit-state")
                ? CanonicalEnums.decode(CommitState.values(), memory.readU8(addr + COMMIT_STATE_VALUE),
                        "connector-error.commit-state")
                : null;
        String details = CanonicalEnums.optionTag(memory.readU8(addr + DETAILS_TAG),
                "connector-error.details-json")
                ? memory.readString(memory.readI32(addr + DETAILS_PTR), memory.readI32(addr + DETAILS_LEN))
                : null;
        return new ConnectorError(category, scope, code, message, retryable, retryAfter, backoff,
                safeToRetry, commitState, details);
    }

    private static void writeSlice(GuestMemory memory, int addr, GuestSlice slice) {
        memory.writeI32(addr, slice.ptr());
        memory.writeI32(addr + 4, slice.len());
    }

    private static String readSlice(GuestMemory memory, int addr) {
        return memory.readString(memory.readI32(addr), memory.readI32(addr + 4));
    }

    /** An {@code INVALID_ARGUMENT} error for a malformed value read from guest memory. */
    static ConnectorException invalid(String what) {
        return new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL,
                ErrorCodes.INVALID_ARGUMENT, what));
    }
}
