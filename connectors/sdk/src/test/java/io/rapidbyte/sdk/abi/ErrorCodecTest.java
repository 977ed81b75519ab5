package io.rapidbyte.sdk.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorCodecTest {
    private final ByteArrayMemory memory = new ByteArrayMemory(1 << 16);

    @BeforeEach
    void arena() {
        Arena.configure(4096, 60_000);
    }

    @Test
    void writesTheAbiLayout() {
        ConnectorError e = new ConnectorError(ErrorCategory.FRAME, ErrorScope.PER_BATCH, "FRAME_BOUNDS", "past end",
                true, 1500L, BackoffClass.SLOW, true, CommitState.AFTER_COMMIT_UNKNOWN, "{\"a\":1}");
        ErrorCodec.write(memory, 256, e);
        assertEquals(9, memory.getByte(256));
        assertEquals(1, memory.getByte(257));
        assertEquals("FRAME_BOUNDS", string(memory.getInt(260), memory.getInt(264)));
        assertEquals("past end", string(memory.getInt(268), memory.getInt(272)));
        assertEquals(1, memory.getByte(276));
        assertEquals(1, memory.getByte(280));
        assertEquals(1500L, memory.getLong(288));
        assertEquals(2, memory.getByte(296));
        assertEquals(1, memory.getByte(297));
        assertEquals(1, memory.getByte(298));
        assertEquals(1, memory.getByte(299));
        assertEquals(1, memory.getByte(300));
        assertEquals("{\"a\":1}", string(memory.getInt(304), memory.getInt(308)));
    }

    @Test
    void roundTripsEveryField() {
        ConnectorError e = new ConnectorError(ErrorCategory.TRANSIENT_DB, ErrorScope.PER_RECORD, "40001",
                "serialization failure \u00e9\u4e2d", true, 7L, BackoffClass.FAST, true,
                CommitState.BEFORE_COMMIT, "{}");
        ErrorCodec.write(memory, 512, e);
        assertEquals(e, ErrorCodec.read(memory, 512));
    }

    @Test
    void roundTripsAbsentOptions() {
        ConnectorError e = ConnectorError.config("BAD", "");
        ErrorCodec.write(memory, 512, e);
        ConnectorError back = ErrorCodec.read(memory, 512);
        assertEquals(e, back);
        assertNull(back.retryAfterMs());
        assertNull(back.commitState());
        assertNull(back.detailsJson());
        assertEquals(1, memory.getInt(512 + 12), "empty string pointer is the alignment, 1");
    }

    @Test
    void reportsMalformedDiscriminantsInsteadOfTrusting() {
        ErrorCodec.write(memory, 512, ConnectorError.internal("X", "y"));
        memory.putByte(512, (byte) 42);
        ConnectorError back = ErrorCodec.read(memory, 512);
        assertEquals("INVALID_HOST_ERROR", back.code());
    }

    @Test
    void importResultThrowsTheHostError() {
        memory.putByte(1024, (byte) 0);
        ImportResult.check(memory, 1024);
        memory.putByte(1024, (byte) 1);
        ErrorCodec.write(memory, 1024 + 8, ConnectorError.of(ErrorCategory.FRAME, "INVALID_FRAME_HANDLE", "h"));
        ConnectorException thrown = assertThrows(ConnectorException.class, () -> ImportResult.check(memory, 1024));
        assertEquals("INVALID_FRAME_HANDLE", thrown.error().code());
        memory.putByte(1024, (byte) 7);
        assertEquals("INVALID_HOST_RESULT",
                assertThrows(ConnectorException.class, () -> ImportResult.check(memory, 1024)).error().code());
    }

    private String string(int ptr, int len) {
        byte[] bytes = new byte[len];
        memory.read(ptr, bytes, 0, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
