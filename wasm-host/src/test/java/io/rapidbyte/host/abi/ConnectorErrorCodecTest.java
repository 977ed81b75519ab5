package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.CommitState;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.ErrorScope;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ConnectorErrorCodecTest {
    private static final int AT = 0x200;
    private final FakeGuest guest = new FakeGuest();

    private static final ConnectorError FULL = new ConnectorError(ErrorCategory.TRANSIENT_DB, ErrorScope.PER_RECORD,
            "40001", "serialization failure", true, OptionalLong.of(1500), BackoffClass.SLOW, true,
            CommitState.AFTER_COMMIT_UNKNOWN, "{\"table\":\"t\"}");

    @Test
    void writesEveryFieldAtItsAbiOffset() {
        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        var m = guest.raw;
        assertEquals(5, m.read(AT));          // category transient-db
        assertEquals(2, m.read(AT + 1));      // scope per-record
        assertEquals("40001", guest.string(m.readInt(AT + 4), m.readInt(AT + 8)));
        assertEquals("serialization failure", guest.string(m.readInt(AT + 12), m.readInt(AT + 16)));
        assertEquals(1, m.read(AT + 20));     // retryable
        assertEquals(1, m.read(AT + 24));     // retry-after some
        assertEquals(1500L, m.readLong(AT + 32));
        assertEquals(2, m.read(AT + 40));     // backoff slow
        assertEquals(1, m.read(AT + 41));     // safe-to-retry
        assertEquals(1, m.read(AT + 42));     // commit-state some
        assertEquals(1, m.read(AT + 43));     // after-commit-unknown
        assertEquals(1, m.read(AT + 44));     // details some
        assertEquals("{\"table\":\"t\"}", guest.string(m.readInt(AT + 48), m.readInt(AT + 52)));
        // Strings come from cabi_realloc with align 1, never from the record itself.
        guest.calls.forEach(c -> assertEquals(1, c.align()));
        assertEquals(3, guest.calls.size());
    }

    @Test
    void roundTripsFullAndMinimalErrors() {
        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        assertEquals(FULL, ConnectorErrorCodec.read(guest.memory, AT));

        ConnectorError minimal = ConnectorError.frame(ErrorCodes.FRAME_BOUNDS, "");
        ConnectorErrorCodec.write(guest.lowering(), AT + 64, minimal);
        assertEquals(minimal, ConnectorErrorCodec.read(guest.memory, AT + 64));
        assertEquals(0, guest.raw.read(AT + 64 + 24));
        assertEquals(0, guest.raw.read(AT + 64 + 42));
        assertEquals(0, guest.raw.read(AT + 64 + 44));
    }

    @Test
    void fixedFieldsAreWrittenAfterEveryAllocation() {
        // A guest allocator that reuses memory would clobber anything written before it ran.
        guest.onAllocate = () -> guest.raw.fill((byte) 0x5A, AT, AT + ConnectorErrorCodec.SIZE);
        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        assertEquals(FULL, ConnectorErrorCodec.read(guest.memory, AT));
    }

    @Test
    void malformedRecordsAreRejected() {
        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        guest.raw.writeByte(AT, (byte) 10);
        assertCode(ErrorCodes.INVALID_ARGUMENT);

        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        guest.raw.writeByte(AT + 42, (byte) 2);
        assertCode(ErrorCodes.INVALID_ARGUMENT);

        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        guest.raw.writeByte(AT + 43, (byte) 3);
        assertCode(ErrorCodes.INVALID_ARGUMENT);

        ConnectorErrorCodec.write(guest.lowering(), AT, FULL);
        guest.raw.writeI32(AT + 12, 2 * 65536 - 1);
        assertCode(ErrorCodes.FRAME_BOUNDS);
    }

    private void assertCode(String code) {
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> ConnectorErrorCodec.read(guest.memory, AT));
        assertEquals(code, e.error().code());
    }
}
