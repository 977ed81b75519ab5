package io.rapidbyte.host.types;

import java.util.Objects;

/** WIT {@code types.validation-result}. Immutable. */
public record ValidationResult(ValidationStatus status, String message) {
    public ValidationResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }
}
