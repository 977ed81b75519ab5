package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import org.junit.jupiter.api.Test;

class StreamOutputTest {
    @Test
    void onlyArrowStreamsOfTheRunsStreamAreAccepted() throws Exception {
        SourceBuffer buffer = new SourceBuffer(1 << 20, false);
        buffer.open("public.orders", null);
        StreamOutput out = new StreamOutput("public.orders", "public.orders", buffer, null);
        out.emit(FramePayload.wrap(ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "r", 1), 3)));
        assertEquals(1, buffer.depth());

        ConnectorException notArrow = assertThrows(ConnectorException.class,
                () -> out.emit(FramePayload.wrap("{\"rows\": []}".getBytes())));
        assertEquals("INVALID_BATCH", notArrow.error().code());
        assertEquals(ErrorCategory.DATA, notArrow.error().category());

        ConnectorException wrongStream = assertThrows(ConnectorException.class, () -> out.emit(FramePayload.wrap(
                ArrowStreams.stream(ArrowStreams.batchMetadata("public.items", "r", 1), 3))));
        assertEquals("WRONG_STREAM", wrongStream.error().code());
        assertEquals(1, buffer.depth(), "rejected frames never reach Kafka");
    }
}
