package io.rapidbyte.connect.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of keys that belong to Connect rather than to the wasm connector, where a value Connect
 * accepts would still break a Rapidbyte connector at run time:
 * <ul>
 *   <li>the converters: a record value is the frame's Arrow IPC bytes, so only
 *       {@code ByteArrayConverter} carries it unchanged; the {@code rapidbyte.*} headers are
 *       text, written and read by {@code SimpleHeaderConverter} (the default) or
 *       {@code StringConverter}. The record key (the stream name) is not read by the sink.</li>
 *   <li>config provider references ({@code ${provider:[path:]key}}) still in a value: Connect
 *       resolved the config before the connector saw it, so a reference left over means the worker
 *       has no such provider or the provider has no such key, and the literal text would reach the
 *       connector (as a password, say).</li>
 * </ul>
 * Stateless.
 */
final class ConnectKeyChecks {
    static final String KEY_CONVERTER = "key.converter";
    static final String VALUE_CONVERTER = "value.converter";
    static final String HEADER_CONVERTER = "header.converter";
    static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";
    private static final String SIMPLE_HEADER_CONVERTER = "org.apache.kafka.connect.storage.SimpleHeaderConverter";
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    /** Connect's own variable syntax (ConfigTransformer): ${provider:key} or ${provider:path:key}. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]*?):(?:([^}]*?):)?([^}]*?)}");

    private ConnectKeyChecks() {
    }

    /** Problems by key (insertion order); empty when there are none. */
    static Map<String, String> check(Map<String, String> props) {
        Map<String, String> errors = new LinkedHashMap<>();
        String value = props.get(VALUE_CONVERTER);
        if (value != null && !value.trim().equals(BYTE_ARRAY_CONVERTER)) {
            errors.put(VALUE_CONVERTER, "is " + value.trim() + ", but a Rapidbyte record value is the batch's Arrow IPC "
                    + "bytes, which only " + BYTE_ARRAY_CONVERTER + " carries unchanged; set " + VALUE_CONVERTER + "="
                    + BYTE_ARRAY_CONVERTER);
        }
        String header = props.get(HEADER_CONVERTER);
        if (header != null && !header.trim().equals(SIMPLE_HEADER_CONVERTER) && !header.trim().equals(STRING_CONVERTER)) {
            errors.put(HEADER_CONVERTER, "is " + header.trim() + ", but the rapidbyte.* headers are text; remove "
                    + HEADER_CONVERTER + " (the default " + SIMPLE_HEADER_CONVERTER + ") or set " + STRING_CONVERTER);
        }
        props.forEach((key, v) -> {
            if (v == null) {
                return;
            }
            Matcher m = REFERENCE.matcher(v);
            if (m.find() && !errors.containsKey(key)) {
                String path = m.group(2) == null ? "" : " at '" + m.group(2) + "'";
                errors.put(key, "the config provider reference " + m.group() + " was not resolved by the worker: "
                        + "either the worker has no config provider '" + m.group(1) + "' (worker properties "
                        + "config.providers and config.providers." + m.group(1) + ".class) or it has no key '"
                        + m.group(3) + "'" + path);
            }
        });
        return errors;
    }
}
