package io.rapidbyte.connect.guest;

import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a failed guest run is tried again and after how long. Only errors the
 * connector itself marks {@code retryable} are retried — never traps, timeouts, cancellation or
 * ABI violations (the instance is unusable after those) — with the connector's
 * {@code retry-after-ms} when given, else exponential backoff from its {@code backoff-class}
 * (fast 200 ms, normal 1 s, slow 5 s, doubling, at most 60 s), for at most the configured retry
 * time since the first failure of the streak. Confined to one stream's thread.
 */
public final class RetryPolicy {
    private static final long MAX_DELAY_MS = 60_000;

    private final long budgetMs;
    private long streakStartNanos = -1;
    private int attempts;

    public RetryPolicy(long budgetMs) {
        this.budgetMs = budgetMs;
    }

    /** Whether {@code failure} is one the connector asked to be retried. */
    public static boolean isRetryable(Throwable failure) {
        return failure instanceof ConnectorException ce && !(failure instanceof GuestCallException)
                && ce.error() != null && ce.error().retryable();
    }

    /**
     * @return the delay before the next attempt, or empty when {@code failure} is fatal or the
     *         retry budget is spent
     */
    public Optional<Duration> onFailure(Throwable failure) {
        if (!isRetryable(failure)) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        if (streakStartNanos < 0) {
            streakStartNanos = now;
        }
        long elapsedMs = (now - streakStartNanos) / 1_000_000;
        ConnectorError error = ((ConnectorException) failure).error();
        long delay = error.retryAfterMs().isPresent()
                ? error.retryAfterMs().getAsLong()
                : Math.min(MAX_DELAY_MS, base(error) << Math.min(attempts, 16));
        if (elapsedMs + delay > budgetMs) {
            return Optional.empty();
        }
        attempts++;
        return Optional.of(Duration.ofMillis(Math.min(delay, MAX_DELAY_MS)));
    }

    /** A run succeeded: the next failure starts a new streak. */
    public void onSuccess() {
        streakStartNanos = -1;
        attempts = 0;
    }

    private static long base(ConnectorError error) {
        return switch (error.backoffClass()) {
            case FAST -> 200;
            case NORMAL -> 1_000;
            case SLOW -> 5_000;
        };
    }
}
