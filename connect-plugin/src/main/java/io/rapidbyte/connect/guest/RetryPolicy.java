package io.rapidbyte.connect.guest;

import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCodes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a failed guest run is tried again and after how long. Only errors the
 * connector itself marks {@code retryable} are retried — never traps, timeouts, cancellation or
 * ABI violations (the instance is unusable after those) — with the connector's
 * {@code retry-after-ms} when given, else exponential backoff from its {@code backoff-class}
 * (fast 200 ms, normal 1 s, slow 5 s, doubling, at most 60 s), for at most the configured retry
 * time since the first failure of the streak. Confined to one stream's thread.
 *
 * <p>The doubling is counted per backoff class: a server that restarts answers first with
 * refused connections (normal) and then, while it recovers, with errors of another class; one
 * shared counter gave the first of those the exponent of all the refusals before it (5 s &lt;&lt; 3 =
 * 40 s of idling after a one-second recovery). A refused connection ({@code CONNECT_FAILED}) costs
 * nothing to try again and usually means the server is restarting, so its delay stops growing at
 * {@value #CONNECT_RETRY_CAP_MS} ms. A streak ends when a run returns or when the connector makes
 * progress ({@link #onSuccess}), or, for a caller that learns of durable progress only when a run
 * fails, when the progress mark it passes has changed since the previous failure
 * ({@link #onFailure(Throwable, Object)}).
 */
public final class RetryPolicy {
    private static final long MAX_DELAY_MS = 60_000;
    static final long CONNECT_RETRY_CAP_MS = 2_000;

    private final long budgetMs;
    private final Map<BackoffClass, Integer> attempts = new EnumMap<>(BackoffClass.class);
    private long streakStartNanos = -1;
    private Object lastMark;

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
        int n = attempts.getOrDefault(error.backoffClass(), 0);
        long delay = Math.min(MAX_DELAY_MS, error.retryAfterMs().isPresent()
                ? error.retryAfterMs().getAsLong()
                : Math.min(cap(error), base(error) << Math.min(n, 16)));
        if (elapsedMs + delay > budgetMs) {
            return Optional.empty();
        }
        attempts.put(error.backoffClass(), n + 1);
        return Optional.of(Duration.ofMillis(delay));
    }

    /**
     * {@link #onFailure(Throwable)}, after ending the streak when {@code progressMark} (what the
     * run has made durable, e.g. the newest checkpoint Kafka committed) differs from the mark of
     * the previous failure: a run that made durable progress before it failed starts afresh, as a
     * CDC stream that streams for hours between two lost connections must.
     */
    public Optional<Duration> onFailure(Throwable failure, Object progressMark) {
        if (streakStartNanos >= 0 && !Objects.equals(progressMark, lastMark)) {
            onSuccess();
        }
        lastMark = progressMark;
        return onFailure(failure);
    }

    /** A run succeeded or the connector made progress: the next failure starts a new streak. */
    public void onSuccess() {
        streakStartNanos = -1;
        attempts.clear();
    }

    private static long cap(ConnectorError error) {
        return ErrorCodes.CONNECT_FAILED.equals(error.code()) ? CONNECT_RETRY_CAP_MS : MAX_DELAY_MS;
    }

    private static long base(ConnectorError error) {
        return switch (error.backoffClass()) {
            case FAST -> 200;
            case NORMAL -> 1_000;
            case SLOW -> 5_000;
        };
    }
}
