package io.rapidbyte.connect.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.types.BackoffClass;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorScope;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static ConnectorException retryable(BackoffClass backoff, OptionalLong retryAfter) {
        return new ConnectorException(new ConnectorError(ErrorCategory.TRANSIENT_DB, ErrorScope.PER_STREAM, "08006",
                "connection lost", true, retryAfter, backoff, true, null, null));
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
        assertEquals(Optional.of(Duration.ofMillis(1_000)), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
        assertEquals(Optional.of(Duration.ofMillis(2_000)), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())));
        assertEquals(Optional.of(Duration.ofMillis(800)), p.onFailure(retryable(BackoffClass.FAST, OptionalLong.empty())));
        assertEquals(Optional.of(Duration.ofMillis(250)), p.onFailure(retryable(BackoffClass.SLOW, OptionalLong.of(250))));
        p.onSuccess();
        assertEquals(Optional.of(Duration.ofMillis(5_000)), p.onFailure(retryable(BackoffClass.SLOW, OptionalLong.empty())));
    }

    @Test
    void theRetryBudgetEndsTheStreak() {
        assertEquals(Optional.empty(), new RetryPolicy(0).onFailure(retryable(BackoffClass.FAST, OptionalLong.empty())));
        RetryPolicy p = new RetryPolicy(2_500);
        assertTrue(p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.empty())).isPresent());
        assertEquals(Optional.empty(), p.onFailure(retryable(BackoffClass.NORMAL, OptionalLong.of(5_000))));
    }
}
