package io.rapidbyte.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.testing.RecordingPluginMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestMetricsTest {
    private final RecordingPluginMetrics plugin = new RecordingPluginMetrics();
    private final List<String> dropped = new ArrayList<>();
    private final GuestMetrics guest = new GuestMetrics(plugin, dropped::add);

    @Test
    void countersAddGaugesKeepTheLastValueAndStringMembersAreTags() {
        guest.record("{\"name\": \"dest_postgres.rows_committed\", \"value\": 100, \"kind\": \"counter\", "
                + "\"stream\": \"public.a\"}");
        guest.record("{\"name\": \"dest_postgres.rows_committed\", \"value\": 50, \"kind\": \"counter\", "
                + "\"stream\": \"public.a\"}");
        guest.record("{\"name\": \"dest_postgres.rows_committed\", \"value\": 7, \"kind\": \"counter\", "
                + "\"stream\": \"public.b\"}");
        guest.record("{\"name\": \"source_postgres.guest_memory_bytes\", \"value\": 23068672}");
        guest.record("{\"name\": \"source_postgres.guest_memory_bytes\", \"value\": 22020096.0}");
        assertEquals(150.0, plugin.value("guest.dest_postgres.rows_committed{stream=public.a}"));
        assertEquals(7.0, plugin.value("guest.dest_postgres.rows_committed{stream=public.b}"));
        assertEquals(22020096.0, plugin.value("guest.source_postgres.guest_memory_bytes"));
        assertEquals(150.0, guest.value("dest_postgres.rows_committed", Map.of("stream", "public.a")));
        guest.close();
        assertTrue(plugin.metrics.isEmpty());
    }

    @Test
    void payloadsThatAreNotMetricsAreIgnoredAndNamesAreSanitised() {
        guest.record("{\"name\": \"probe\", \"value\": {\"len\": 3}}");
        guest.record("{\"value\": 3}");
        guest.record("{\"name\": 3, \"value\": 3}");
        guest.record("[1, 2]");
        assertTrue(plugin.metrics.isEmpty(), plugin.metrics.toString());
        guest.record("{\"name\": \"rows read/s ✓\", \"value\": 1}");
        assertEquals(1.0, plugin.value("guest.rows_read_s__"));
    }

    @Test
    void aGuestCannotRegisterUnboundedMetrics() {
        for (int i = 0; i < GuestMetrics.MAX_METRICS + 10; i++) {
            guest.record("{\"name\": \"m\", \"value\": 1, \"id\": \"" + i + "\"}");
        }
        assertEquals(GuestMetrics.MAX_METRICS, plugin.metrics.size());
        assertEquals(1, dropped.size(), dropped.toString());
        assertNull(guest.value("m", Map.of("id", Integer.toString(GuestMetrics.MAX_METRICS + 1))));
        guest.record("{\"name\": \"m\", \"value\": 5, \"id\": \"0\"}");
        assertEquals(5.0, plugin.value("guest.m{id=0}"), "known metrics still update");
    }
}
