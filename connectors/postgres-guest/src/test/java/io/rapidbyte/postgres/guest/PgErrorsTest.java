package io.rapidbyte.postgres.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.PgServerMessage;
import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.ConnectorError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgErrorsTest {
    private static ConnectorError fromServer(String sqlState, String message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String field : new String[] {"SFATAL", "VFATAL", "C" + sqlState, "M" + message}) {
            b.writeBytes(field.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        b.write(0);
        byte[] body = b.toByteArray();
        return PgErrors.of("connect", PgException.fromServer(PgServerMessage.parse(body, 0, body.length)),
                Redactor.none()).error();
    }

    @Test
    void aServerStillRecoveringAsksForAShortFixedDelay() {
        ConnectorError e = fromServer("57P03", "the database system is in recovery mode");
        assertTrue(e.retryable());
        assertEquals(500L, e.retryAfterMs());
    }

    @Test
    void otherTransientErrorsLeaveTheDelayToTheirBackoffClass() {
        ConnectorError e = fromServer("40001", "could not serialize access");
        assertTrue(e.retryable());
        assertNull(e.retryAfterMs());
        assertEquals(BackoffClass.SLOW, e.backoffClass());
    }
}
