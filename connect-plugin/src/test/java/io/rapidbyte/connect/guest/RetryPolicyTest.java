package io.rapidbyte.connect.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.ErrorScope;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static ConnectorException retryable(BackoffClass backoff, OptionalLong retryAfter) {
        return retryable("08006", backoff, retryAfter);
    }

    private static ConnectorException retryable(String code, BackoffClass backoff, OptionalLong retryAfter) {
        return new ConnectorException(new ConnectorError(ErrorCategory.TRANSIENT_DB, ErrorScope.PER_STREAM, code,
                "connection lost", true, retryAfter, backoff, true, null, null));
    }

    private static Optional<Duration> ms(long ms) {
        return Optional.of(Duration.ofMillis(ms));
    }

    @Test
    void onlyErrorsTheConnectorMarksRetryableAreRetried() {
        RetryPolicy p = new RetryPolicy(600_000);
        assertEquals(Optional.empty(), p.onFailure(new ConnectorException(
                ConnectorError.of(ErrorCategory.CONFIG, "BAD", "bad password"))));
        assertEquals(Optional.empty(), p.onFailure(new GuestCallException(GuestCallException.Kind.TRAP, "c", "run-read",
                "unreachable", null)));
        assertEquals(Optional.empty(), p.onFailure(new IllegalStateException("host bug")));
        assertTrue(p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())).isPresent());
    }

    @Test
    void backoffFollowsTheConnectorsClassAndRetryAfter() {
        RetryPolicy p = new RetryPolicy(600_000);
        assertEquals(ms(1_000), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
        assertEquals(ms(2_000), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
        assertEquals(ms(200), p.onFailure(retryable(BackoffClass.FAST, OptionalLong.empty())));
        assertEquals(ms(400), p.onFailure(retryable(BackoffClass.FAST, OptionalLong.empty())));
        assertEquals(ms(250), p.onFailure(retryable(BackoffClass.SLOW, OptionalLong.of(250))));
        assertEquals(ms(4_000), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
        p.onSuccess();
        assertEquals(ms(5_000), p.onFailure(retryable(BackoffClass.SLOW, OptionalLong.empty())));
        assertEquals(ms(1_000), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
    }

    /**
     * A server restart as the sink saw it in the chaos runner: refused connections, then a
     * recovery error of the slow class. The old shared counter made that one wait 5 s << 3 = 40 s.
     */
    @Test
    void eachBackoffClassDoublesOnItsOwn() {
        RetryPolicy p = new RetryPolicy(600_000);
        for (int i = 0; i < 3; i++) {
            p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()));
        }
        assertEquals(ms(5_000), p.onFailure(retryable("40001", BackoffClass.SLOW, OptionalLong.empty())));
        assertEquals(ms(10_000), p.onFailure(retryable("40001", BackoffClass.SLOW, OptionalLong.empty())));
        assertEquals(ms(8_000), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
    }

    @Test
    void refusedConnectionsAreTriedAgainAtLeastEveryTwoSeconds() {
        RetryPolicy p = new RetryPolicy(600_000);
        assertEquals(ms(1_000), p.onFailure(retryable(ErrorCodes.CONNECT_FAILED, BackoffClass.NORMAL, OptionalLong.empty())));
        for (int i = 0; i < 10; i++) {
            assertEquals(ms(RetryPolicy.CONNECT_RETRY_CAP_MS),
                    p.onFailure(retryable(ErrorCodes.CONNECT_FAILED, BackoffClass.NORMAL, OptionalLong.empty())));
        }
        assertEquals(ms(60_000), p.onFailure(retryable("08006", BackoffClass.NORMAL, OptionalLong.empty())));
    }

    @Test
    void theRetryBudgetEndsTheStreak() {
        assertEquals(Optional.empty(), new RetryPolicy(0).onFailure(retryable(BackoffClass.FAST, OptionalLong.empty())));
        RetryPolicy p = new RetryPolicy(2_500);
        assertTrue(p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())).isPresent());
        assertEquals(Optional.empty(), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.of(5_000))));
    }

    @Test
    void durableProgressSinceThePreviousFailureEndsTheStreak() {
        // 1 s then 2 s fit a 2.5 s budget; the third delay (4 s) does not, unless the streak ended.
        RetryPolicy still = new RetryPolicy(2_500);
        assertEquals(ms(1_000), still.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-1"));
        assertEquals(ms(2_000), still.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-1"));
        assertEquals(Optional.empty(), still.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-1"),
                "no progress: the streak goes on and exhausts its budget");

        RetryPolicy moving = new RetryPolicy(2_500);
        assertEquals(ms(1_000), moving.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-1"));
        assertEquals(ms(2_000), moving.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-1"));
        assertEquals(ms(1_000), moving.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-2"),
                "a newer durable checkpoint started a new streak");
        assertEquals(ms(2_000), moving.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty()), "cp-2"));
    }
}
