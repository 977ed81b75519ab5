package io.rapidbyte.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The enum constants must be in WIT order (ordinal = discriminant) and carry the WIT case names. */
class WireEnumsTest {
    @Test
    void constantsFollowTheWitOrderAndNames() {
        assertNames(ErrorCategory.values(), "config", "auth", "permission", "rate-limit", "transient-network",
                "transient-db", "data", "schema", "internal", "frame");
        assertNames(ErrorScope.values(), "per-stream", "per-batch", "per-record");
        assertNames(BackoffClass.values(), "fast", "normal", "slow");
        assertNames(CommitState.values(), "before-commit", "after-commit-unknown", "after-commit-confirmed");
        assertNames(ValidationStatus.values(), "success", "failed", "warning");
        assertNames(LogLevel.values(), "error", "warn", "info", "debug", "trace");
        assertNames(CheckpointKind.values(), "source", "dest", "transform");
        assertNames(StateScope.values(), "pipeline", "stream", "connector");
    }

    @Test
    void parsesWireNamesAndOrdinals() {
        assertEquals(ErrorCategory.TRANSIENT_NETWORK, ErrorCategory.fromWireName("transient-network"));
        assertEquals(ErrorCategory.FRAME, ErrorCategory.fromOrdinal(9));
        assertThrows(IllegalArgumentException.class, () -> ErrorCategory.fromWireName("FRAME"));
        assertThrows(IllegalArgumentException.class, () -> ErrorScope.fromOrdinal(3));
        assertThrows(IllegalArgumentException.class, () -> LogLevel.fromOrdinal(-1));
    }

    @Test
    void exceptionsMapToErrors() {
        ConnectorError own = ConnectorError.data("X", "y");
        assertEquals(own, ConnectorException.errorOf(own.toException()));
        ConnectorError mapped = ConnectorException.errorOf(new IllegalStateException("boom"));
        assertEquals(ErrorCategory.INTERNAL, mapped.category());
        assertEquals("GUEST_EXCEPTION", mapped.code());
        assertEquals("java.lang.IllegalStateException: boom", mapped.message());
    }

    private static void assertNames(Enum<?>[] values, String... names) {
        List<String> actual = new ArrayList<>();
        for (Enum<?> v : values) {
            actual.add(WitEnum.wireName(v));
        }
        assertEquals(List.of(names), actual);
    }
}
