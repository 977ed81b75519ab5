package io.rapidbyte.dest.postgres.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.StreamLimits;
import org.junit.jupiter.api.Test;

/** When a transaction is due (JVM unit test: the seconds threshold is checked with given times). */
class CommitIntervalTest {
    @Test
    void anyThresholdCommitsAndNoneCommitsEveryBatch() {
        CommitInterval c = new CommitInterval(1000, 1 << 20, 30);
        assertFalse(c.due(999, 1000, 29_999));
        assertTrue(c.due(1000, 0, 0));
        assertTrue(c.due(0, 1 << 20, 0));
        assertTrue(c.due(1, 1, 30_000));
        assertTrue(new CommitInterval(0, 0, 0).due(1, 1, 0));
        assertFalse(new CommitInterval(0, 0, 5).due(1_000_000, 1L << 40, 4_999));
    }

    @Test
    void configOverridesTheStreamLimitsMemberByMember() {
        StreamLimits limits = new StreamLimits(1, 1, 1, 500, 600, 700);
        CommitInterval c = CommitInterval.resolve(10, -1, 0, limits);
        assertEquals(10, c.rows());
        assertEquals(500, c.bytes());
        assertEquals(0, c.seconds());
    }
}
