package io.rapidbyte.connect.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * A {@link ConfigException} that remembers which Connect property is at fault, so that
 * {@code validate()} can attach the reason to that field. The value is never included in the
 * message (it may be a secret).
 */
public final class KeyedConfigException extends ConfigException {
    private final String key;
    private final String reason;

    public KeyedConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
        this.reason = reason;
    }

    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }
}
