package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.CopyCounter;
import io.rapidbyte.host.frames.FramePayload;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordFramesTest {
    private static final byte[] IPC = ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "r", 1), 8);

    static ConnectHeaders frameHeaders(byte[] ipc) {
        ConnectHeaders h = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(h, "public.orders", ArrowStreamInspector.inspect(FramePayload.wrap(ipc)));
        return h;
    }

    private static SinkRecord record(Object value, ConnectHeaders headers) {
        return new SinkRecord("t", 0, null, "public.orders", null, value, 5, null, null, headers);
    }

    @Test
    void theRecordsArrayBecomesTheFrameWithoutACopy() {
        CopyCounter copies = new CopyCounter();
        RecordFrames.Checked c = RecordFrames.check(record(IPC, frameHeaders(IPC)), copies);
        assertSame(IPC, c.payload().array());
        assertEquals(IPC.length, c.payload().length());
        assertEquals(8, c.summary().rows());
        assertEquals(0, copies.total());
        ByteBuffer window = ByteBuffer.wrap(new byte[IPC.length + 4], 4, IPC.length).slice();
        window.put(IPC).flip();
        assertEquals(8, RecordFrames.check(record(window, frameHeaders(IPC)), copies).summary().rows());
        assertEquals(0, copies.total(), "a heap buffer is wrapped too");
    }

    @Test
    void anythingElseIsAnInvalidFrameWithAReason() {
        CopyCounter copies = new CopyCounter();
        assertThrows(InvalidFrameException.class, () -> RecordFrames.check(record(IPC, new ConnectHeaders()), copies));
        assertThrows(InvalidFrameException.class, () -> RecordFrames.check(record("text", frameHeaders(IPC)), copies));
        assertThrows(InvalidFrameException.class, () -> RecordFrames.check(record(null, frameHeaders(IPC)), copies));
        InvalidFrameException e = assertThrows(InvalidFrameException.class,
                () -> RecordFrames.check(record("{\"json\":1}".getBytes(), frameHeaders(IPC)), copies));
        assertTrue(e.getMessage().contains("Arrow"), e.getMessage());
        ConnectHeaders lying = frameHeaders(IPC);
        lying.remove(FrameHeaders.ROWS).addString(FrameHeaders.ROWS, "9");
        assertThrows(InvalidFrameException.class, () -> RecordFrames.check(record(IPC, lying), copies));
    }

    @Test
    void routingByHeaderOrTopic() {
        SinkRecord r = record(IPC, frameHeaders(IPC));
        assertEquals("public.orders", new StreamRouter(false, Map.of()).streamOf(r));
        assertEquals("orders", new StreamRouter(true, Map.of("t", "orders")).streamOf(r));
        assertEquals("t", new StreamRouter(true, Map.of()).streamOf(r));
        assertThrows(InvalidFrameException.class, () -> new StreamRouter(false, Map.of())
                .streamOf(record(IPC, new ConnectHeaders())));
    }
}
