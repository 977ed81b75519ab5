package io.rapidbyte.sdk.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReturnAreaWriterTest {
    private static final int BASE = 8192;
    private final ByteArrayMemory memory = new ByteArrayMemory(1 << 17);

    @BeforeEach
    void arena() {
        Arena.configure(BASE, 100_000);
    }

    @Test
    void unitIsTagZeroAtAnAlignedArea() {
        Arena.alloc(1, 5);
        int ret = ReturnAreaWriter.unit(memory);
        assertEquals(BASE, ret, "the arena is reset before the return area is allocated");
        assertEquals(0, memory.getByte(ret));
    }

    @Test
    void stringPayloadAtEightAndTwelve() {
        int ret = ReturnAreaWriter.string(memory, "{\"streams\":[]}");
        assertEquals(0, memory.getByte(ret));
        assertEquals("{\"streams\":[]}", GuestStrings.load(memory, memory.getInt(ret + 8), memory.getInt(ret + 12)));
    }

    @Test
    void validationStatusAndMessage() {
        int ret = ReturnAreaWriter.validation(memory, 2, "careful");
        assertEquals(2, memory.getByte(ret + 8));
        assertEquals("careful", GuestStrings.load(memory, memory.getInt(ret + 12), memory.getInt(ret + 16)));
    }

    @Test
    void summaryIsFiveLongsFromEight() {
        int ret = ReturnAreaWriter.summary(memory, 1, 2, 3, 4, Long.MAX_VALUE);
        assertEquals(0, memory.getByte(ret));
        assertEquals(1, memory.getLong(ret + 8));
        assertEquals(2, memory.getLong(ret + 16));
        assertEquals(3, memory.getLong(ret + 24));
        assertEquals(4, memory.getLong(ret + 32));
        assertEquals(Long.MAX_VALUE, memory.getLong(ret + 40));
    }

    @Test
    void errorIsTagOneWithTheRecordAtEight() {
        ConnectorError e = ConnectorError.of(ErrorCategory.DATA, "BAD_ROW", "row 7");
        int ret = ReturnAreaWriter.error(memory, e);
        assertEquals(1, memory.getByte(ret));
        assertEquals(e, ErrorCodec.read(memory, ret + 8));
    }

    @Test
    void payloadTooLargeForTheArenaBecomesAnError() {
        Arena.configure(BASE, 1000);
        int ret = ReturnAreaWriter.string(memory, "x".repeat(5000));
        assertEquals(1, memory.getByte(ret));
        assertEquals("ARENA_EXHAUSTED", ErrorCodec.read(memory, ret + 8).code());
    }
}
