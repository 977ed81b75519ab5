package io.rapidbyte.host.types;

/** WIT {@code types.log-level}; ordinal = canonical-ABI enum value. */
public enum LogLevel {
    ERROR(System.Logger.Level.ERROR),
    WARN(System.Logger.Level.WARNING),
    INFO(System.Logger.Level.INFO),
    DEBUG(System.Logger.Level.DEBUG),
    TRACE(System.Logger.Level.TRACE);

    private final System.Logger.Level systemLevel;

    LogLevel(System.Logger.Level systemLevel) {
        this.systemLevel = systemLevel;
    }

    /** The matching {@link System.Logger} level. */
    public System.Logger.Level systemLevel() {
        return systemLevel;
    }
}
