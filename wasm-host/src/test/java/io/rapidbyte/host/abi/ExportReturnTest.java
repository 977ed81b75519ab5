package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

class ExportReturnTest {
    private static final int RET = 0x600;
    private final FakeGuest guest = new FakeGuest();

    @Test
    void readsOkPayloads() {
        int len = guest.put(0x700, "{\"streams\":[]}");
        guest.raw.writeByte(RET, (byte) 0);
        guest.raw.writeI32(RET + 8, 0x700);
        guest.raw.writeI32(RET + 12, len);
        guest.raw.writeLong(RET + 40, 77);
        ExportReturn r = ExportReturn.at(guest.memory, RET);
        assertTrue(r.isOk());
        assertEquals("{\"streams\":[]}", r.string(8));
        assertEquals(77, r.u64(40));
        assertThrows(IllegalStateException.class, r::error);
    }

    @Test
    void readsErrors() {
        ConnectorError error = ConnectorError.of(ErrorCategory.CONFIG, "BAD_CONFIG", "missing host");
        ConnectorErrorCodec.write(guest.lowering(), RET + 8, error);
        guest.raw.writeByte(RET, (byte) 1);
        ExportReturn r = ExportReturn.at(guest.memory, RET);
        assertFalse(r.isOk());
        assertEquals(error, r.error());
    }

    @Test
    void rejectsBadDiscriminantsAndAddresses() {
        guest.raw.writeByte(RET, (byte) 2);
        ConnectorException e = assertThrows(ConnectorException.class, () -> ExportReturn.at(guest.memory, RET));
        assertEquals(ErrorCodes.INVALID_ARGUMENT, e.error().code());
        e = assertThrows(ConnectorException.class, () -> ExportReturn.at(guest.memory, 2 * 65536));
        assertEquals(ErrorCodes.FRAME_BOUNDS, e.error().code());
        // The area must be 64 bytes inside memory, not just its first byte.
        e = assertThrows(ConnectorException.class, () -> ExportReturn.at(guest.memory, 2 * 65536 - 56));
        assertEquals(ErrorCodes.FRAME_BOUNDS, e.error().code());
        guest.raw.writeByte(RET + 4, (byte) 0);
        e = assertThrows(ConnectorException.class, () -> ExportReturn.at(guest.memory, RET + 4));
        assertEquals(ErrorCodes.INVALID_ARGUMENT, e.error().code());
    }
}
