package io.rapidbyte.sdk;

/** Mirror of WIT {@code types.validation-result}. Immutable and thread-safe. */
public final class ValidationResult {
    private final ValidationStatus status;
    private final String message;

    public ValidationResult(ValidationStatus status, String message) {
        if (status == null) {
            throw new NullPointerException("status");
        }
        this.status = status;
        this.message = message == null ? "" : message;
    }

    public static ValidationResult success(String message) {
        return new ValidationResult(ValidationStatus.SUCCESS, message);
    }

    public static ValidationResult failed(String message) {
        return new ValidationResult(ValidationStatus.FAILED, message);
    }

    public static ValidationResult warning(String message) {
        return new ValidationResult(ValidationStatus.WARNING, message);
    }

    public ValidationStatus status() {
        return status;
    }

    public String message() {
        return message;
    }
}
