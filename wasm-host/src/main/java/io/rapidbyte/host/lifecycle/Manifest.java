package io.rapidbyte.host.lifecycle;

import io.rapidbyte.host.abi.JsonText;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code rapidbyte-manifest} custom section: a UTF-8 JSON object describing the connector.
 * The host keeps the raw JSON and reads only the top-level string members it needs. Immutable.
 *
 * @param json the section's text as found
 */
public record Manifest(String json, Optional<String> name, Optional<String> version, Optional<String> role) {
    /** Name of the custom section. */
    public static final String SECTION = "rapidbyte-manifest";

    public Manifest {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(role, "role");
    }

    /**
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public static Manifest parse(String json) {
        Map<String, String> strings = JsonText.topLevelStrings(json);
        return new Manifest(json, Optional.ofNullable(strings.get("name")),
                Optional.ofNullable(strings.get("version")), Optional.ofNullable(strings.get("role")));
    }
}
