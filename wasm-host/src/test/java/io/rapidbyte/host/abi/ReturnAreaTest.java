package io.rapidbyte.host.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.host.testing.FakeGuest;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ErrorCodes;
import org.junit.jupiter.api.Test;

class ReturnAreaTest {
    private static final int RET = 0x400;
    private final FakeGuest guest = new FakeGuest();
    private final ReturnArea area = ReturnArea.at(guest.lowering(), RET);

    @Test
    void okPayloadsUseTheAbiOffsets() {
        guest.raw.writeByte(RET, (byte) 1);
        area.okU64(0x1122334455667788L);
        assertEquals(0, guest.raw.read(RET));
        assertEquals(0x1122334455667788L, guest.raw.readLong(RET + 8));

        area.okI32(42);
        assertEquals(42, guest.raw.readInt(RET + 8));

        area.okBool(true);
        assertEquals(1, guest.raw.read(RET + 8));

        area.okSlice(new GuestSlice(0x9000, 5));
        assertEquals(0x9000, guest.raw.readInt(RET + 8));
        assertEquals(5, guest.raw.readInt(RET + 12));
    }

    @Test
    void optionsAndVariants() {
        area.okOptionI32(true, 7);
        assertEquals(1, guest.raw.read(RET + 8));
        assertEquals(7, guest.raw.readInt(RET + 12));
        area.okOptionI32(false, 7);
        assertEquals(0, guest.raw.read(RET + 8));

        area.okOptionSlice(new GuestSlice(0x9100, 3));
        assertEquals(1, guest.raw.read(RET + 8));
        assertEquals(0x9100, guest.raw.readInt(RET + 12));
        assertEquals(3, guest.raw.readInt(RET + 16));
        area.okOptionSlice(null);
        assertEquals(0, guest.raw.read(RET + 8));

        area.okVariant(2, 0);
        assertEquals(2, guest.raw.read(RET + 8));
        area.okVariant(0, 99);
        assertEquals(0, guest.raw.read(RET + 8));
        assertEquals(99, guest.raw.readInt(RET + 12));
    }

    @Test
    void errWritesTagOneAndTheRecordAtEight() {
        ConnectorError error = ConnectorError.frame(ErrorCodes.FRAME_NOT_SEALED, "frame 3 is not sealed");
        area.err(error);
        assertEquals(1, guest.raw.read(RET));
        assertEquals(error, ConnectorErrorCodec.read(guest.memory, RET + 8));
    }

    @Test
    void invalidReturnAreasTrap() {
        assertThrows(AbiTrap.class, () -> ReturnArea.at(guest.lowering(), RET + 4));
        assertThrows(AbiTrap.class, () -> ReturnArea.at(guest.lowering(), 2 * 65536 - 56));
        assertThrows(AbiTrap.class, () -> ReturnArea.at(guest.lowering(), -64));
        ReturnArea.at(guest.lowering(), 2 * 65536 - 64);
    }
}
