package io.rapidbyte.examples.mask;

/** What happens to one configured column; the wire names are the config's member names. */
public enum MaskAction {
    /** The value's bytes become their SHA-256 (or HMAC-SHA-256) as 64 lower-case hex digits. */
    HASH("hash"),
    /** A utf8 value becomes the replacement text; any other value becomes null. */
    REDACT("redact"),
    /** The column is removed. */
    DROP("drop");

    private final String wireName;

    MaskAction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
