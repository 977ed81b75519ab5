package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;

/**
 * Lowers export results into a fresh return area in the arena, per ABI.md section 4: tag byte at 0
 * (0 ok, 1 err), payload at 8. Each method resets the arena first (export parameters have been
 * copied by then) and returns the return area's address, which the export returns to the host.
 * If a payload does not fit the arena, an {@code ARENA_EXHAUSTED} error is returned instead.
 * Stateless.
 */
public final class ReturnAreaWriter {
    private ReturnAreaWriter() {
    }

    /** {@code ok(())}. */
    public static int unit(MemoryAccess m) {
        return freshArea(m);
    }

    /** {@code ok(string)}: ptr @8, len @12. */
    public static int string(MemoryAccess m, String value) {
        int ret = freshArea(m);
        try {
            GuestStrings.store(m, ret + 8, value);
            return ret;
        } catch (ConnectorException e) {
            return error(m, e.error());
        }
    }

    /** {@code ok(validation-result)}: status u8 @8, message ptr @12, len @16. */
    public static int validation(MemoryAccess m, int status, String message) {
        int ret = freshArea(m);
        try {
            m.putByte(ret + 8, (byte) status);
            GuestStrings.store(m, ret + 12, message);
            return ret;
        } catch (ConnectorException e) {
            return error(m, e.error());
        }
    }

    /** {@code ok(summary)}: five u64 at 8, 16, 24, 32, 40 (all three summary records have this shape). */
    public static int summary(MemoryAccess m, long a, long b, long c, long d, long e) {
        int ret = freshArea(m);
        m.putLong(ret + 8, a);
        m.putLong(ret + 16, b);
        m.putLong(ret + 24, c);
        m.putLong(ret + 32, d);
        m.putLong(ret + 40, e);
        return ret;
    }

    /** {@code err(connector-error)}: the record at 8. Falls back to a short error if even that overflows. */
    public static int error(MemoryAccess m, ConnectorError error) {
        int ret = freshArea(m);
        m.putByte(ret, (byte) 1);
        try {
            ErrorCodec.write(m, ret + ImportResult.PAYLOAD, error);
        } catch (ConnectorException overflow) {
            ret = freshArea(m);
            m.putByte(ret, (byte) 1);
            ErrorCodec.write(m, ret + ImportResult.PAYLOAD, overflow.error());
        }
        return ret;
    }

    private static int freshArea(MemoryAccess m) {
        Arena.ready();
        Arena.reset();
        int ret = Arena.alloc(8, Arena.RETURN_AREA_SIZE);
        for (int i = 0; i < Arena.RETURN_AREA_SIZE; i += 8) {
            m.putLong(ret + i, 0L);
        }
        return ret;
    }
}
