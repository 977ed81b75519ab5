package io.rapidbyte.connect.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import java.util.Map;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.junit.jupiter.api.Test;

class FrameHeadersTest {
    private static final FrameSummary SUMMARY = ArrowStreamInspector.inspect(FramePayload.wrap(
            ArrowStreams.stream(ArrowStreams.batchMetadata("public.orders", "run-9", 12), 100)));

    /** What a sink task sees after the worker wrote the headers with {@code converter} and read them back. */
    private static Headers roundTrip(HeaderConverter converter) {
        converter.configure(Map.of("converter.type", "header"));
        ConnectHeaders written = new ConnectHeaders();
        FrameHeaders.addBatchHeaders(written, "public.orders", SUMMARY);
        ConnectHeaders read = new ConnectHeaders();
        for (Header h : written) {
            byte[] raw = converter.fromConnectHeader("topic", h.key(), h.schema(), h.value());
            SchemaAndValue back = converter.toConnectHeader("topic", h.key(), raw);
            read.add(h.key(), back);
        }
        return read;
    }

    @Test
    void headersSurviveEveryCommonHeaderConverter() {
        for (HeaderConverter c : new HeaderConverter[] {new SimpleHeaderConverter(), new StringConverter(),
                new ByteArrayConverterForHeaders()}) {
            Headers headers = roundTrip(c);
            FrameHeaders.requireV3ArrowFrame(headers);
            assertEquals("public.orders", FrameHeaders.text(headers, FrameHeaders.STREAM), c.getClass().getName());
            assertEquals("100", FrameHeaders.text(headers, FrameHeaders.ROWS));
            assertEquals("12", FrameHeaders.text(headers, FrameHeaders.SEQ));
            assertEquals("run-9", FrameHeaders.text(headers, FrameHeaders.SYNC_RUN));
            assertEquals(SUMMARY.fingerprint(), FrameHeaders.text(headers, FrameHeaders.SCHEMA_FINGERPRINT));
            assertEquals("application/vnd.apache.arrow.stream", FrameHeaders.text(headers, FrameHeaders.CONTENT_TYPE),
                    c.getClass().getName());
        }
    }

    @Test
    void wrongOrMissingHeadersAreNotAFrame() {
        ConnectHeaders none = new ConnectHeaders();
        InvalidFrameException e = assertThrows(InvalidFrameException.class, () -> FrameHeaders.requireV3ArrowFrame(none));
        assertTrue(e.getMessage().contains("rapidbyte.format is missing"), e.getMessage());

        ConnectHeaders v2 = new ConnectHeaders();
        v2.addString(FrameHeaders.FORMAT, FrameHeaders.FORMAT_ARROW_IPC_STREAM);
        v2.addInt(FrameHeaders.TRANSPORT_VERSION, 2);
        e = assertThrows(InvalidFrameException.class, () -> FrameHeaders.requireV3ArrowFrame(v2));
        assertTrue(e.getMessage().contains("'2'"), e.getMessage());

        ConnectHeaders json = new ConnectHeaders();
        json.addString(FrameHeaders.FORMAT, "json");
        assertThrows(InvalidFrameException.class, () -> FrameHeaders.requireV3ArrowFrame(json));
    }

    /** {@link ByteArrayConverter} only takes bytes; headers are strings, so bridge through UTF-8 like a worker would. */
    private static final class ByteArrayConverterForHeaders implements HeaderConverter {
        private final ByteArrayConverter bytes = new ByteArrayConverter();

        @Override
        public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
            return bytes.toConnectData(topic, value);
        }

        @Override
        public byte[] fromConnectHeader(String topic, String headerKey, org.apache.kafka.connect.data.Schema schema,
                                        Object value) {
            return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public org.apache.kafka.common.config.ConfigDef config() {
            return new org.apache.kafka.common.config.ConfigDef();
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }

        @Override
        public void close() {
        }
    }
}
