package io.rapidbyte.wasm.build;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated connector manifest, embedded verbatim as the {@code rapidbyte-manifest} custom section.
 *
 * <p>Shape (UTF-8 JSON object; other members are kept and ignored here):
 * <pre>{@code
 * {
 *   "name": "source-postgres",          // required: [a-z0-9][a-z0-9._-]*, at most 64 chars
 *   "version": "0.1.0",                 // required: non-empty string
 *   "role": "source",                   // required: source | destination | transform
 *   "config_schema": { ... },           // optional: JSON Schema of the open() config, an object
 *   "permissions": {                    // optional object
 *     "network": ["db.example:5432"]    // optional: default allow-list entries, strings
 *   }
 * }
 * }</pre>
 * Immutable and thread-safe.
 */
public final class ConnectorManifest {
    public static final String SECTION_NAME = "rapidbyte-manifest";
    private static final Set<String> ROLES = Set.of("source", "destination", "transform");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final byte[] json;
    private final String name;
    private final String version;
    private final String role;

    private ConnectorManifest(byte[] json, String name, String version, String role) {
        this.json = json;
        this.name = name;
        this.version = version;
        this.role = role;
    }

    /** Validates the manifest bytes; throws {@link IllegalArgumentException} naming the first problem. */
    public static ConnectorManifest parse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("manifest is not valid UTF-8");
        }
        Object root = JsonSyntax.parse(text);
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("manifest must be a JSON object");
        }
        Map<?, ?> object = (Map<?, ?>) root;
        String name = requiredString(object, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("manifest name \"" + name + "\" must match " + NAME.pattern());
        }
        String version = requiredString(object, "version");
        String role = requiredString(object, "role");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("manifest role \"" + role + "\" must be one of " + ROLES);
        }
        Object schema = object.get("config_schema");
        if (object.containsKey("config_schema") && !(schema instanceof Map)) {
            throw new IllegalArgumentException("manifest config_schema must be a JSON object");
        }
        checkPermissions(object);
        return new ConnectorManifest(utf8.clone(), name, version, role);
    }

    private static void checkPermissions(Map<?, ?> object) {
        if (!object.containsKey("permissions")) {
            return;
        }
        if (!(object.get("permissions") instanceof Map)) {
            throw new IllegalArgumentException("manifest permissions must be a JSON object");
        }
        Map<?, ?> permissions = (Map<?, ?>) object.get("permissions");
        if (!permissions.containsKey("network")) {
            return;
        }
        Object network = permissions.get("network");
        if (!(network instanceof List) || ((List<?>) network).stream().anyMatch(e -> !(e instanceof String))) {
            throw new IllegalArgumentException("manifest permissions.network must be an array of strings");
        }
    }

    private static String requiredString(Map<?, ?> object, String key) {
        Object value = object.get(key);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new IllegalArgumentException("manifest needs a non-empty string \"" + key + "\"");
        }
        return (String) value;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String role() {
        return role;
    }

    /** The manifest exactly as given (a copy). */
    public byte[] json() {
        return json.clone();
    }

    /** Appends this manifest as the module's {@value #SECTION_NAME} custom section; refuses a second one. */
    public void embedInto(WasmModule module) {
        if (module.customSection(SECTION_NAME) != null) {
            throw new WasmFormatException("module already has a " + SECTION_NAME + " section");
        }
        module.append(WasmSection.custom(SECTION_NAME, json));
    }
}
