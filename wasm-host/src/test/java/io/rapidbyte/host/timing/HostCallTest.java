package io.rapidbyte.host.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostCallTest {
    @Test
    void importsAreGroupedByWhatTheGuestWaitsFor() {
        assertEquals(HostCall.SOCKET_READ, HostCall.of("socket-read-frame"));
        assertEquals(HostCall.SOCKET_WRITE, HostCall.of("socket-write-frame"));
        assertEquals(HostCall.CONNECT, HostCall.of("connect-tcp"));
        assertEquals(HostCall.CONNECT, HostCall.of("socket-start-tls"), "the TLS handshake is part of connecting");
        assertEquals(HostCall.EMIT_BATCH, HostCall.of("emit-batch"));
        assertEquals(HostCall.NEXT_BATCH, HostCall.of("next-batch"));
        assertEquals(HostCall.FRAME, HostCall.of("frame-write"));
        assertEquals(HostCall.FRAME, HostCall.of("[resource-drop]frame"));
        assertEquals(HostCall.CONTROL, HostCall.of("checkpoint"));
    }
}
