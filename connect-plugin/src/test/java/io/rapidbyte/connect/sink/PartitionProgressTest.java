package io.rapidbyte.connect.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void commitsUpToTheFirstRecordNotYetConfirmed() {
        PartitionProgress p = new PartitionProgress();
        for (long o = 10; o < 15; o++) {
            p.track(P0, o);
        }
        assertEquals(Map.of(P0, new OffsetAndMetadata(10)), p.committable(List.of(P0, P1)));
        p.done(P0, 11);
        p.done(P0, 12);
        assertEquals(new OffsetAndMetadata(10), p.committable(List.of(P0)).get(P0), "10 still open");
        p.done(P0, 10);
        assertEquals(new OffsetAndMetadata(13), p.committable(List.of(P0)).get(P0));
        p.done(P0, 13);
        p.done(P0, 14);
        assertEquals(new OffsetAndMetadata(15), p.committable(List.of(P0)).get(P0), "all done: after the last");
        assertEquals(0, p.pending());
    }

    @Test
    void gapsInOffsetsDoNotHoldCommitsBack() {
        PartitionProgress p = new PartitionProgress();
        p.track(P0, 4);
        p.track(P0, 9);
        p.done(P0, 4);
        assertEquals(new OffsetAndMetadata(9), p.committable(List.of(P0)).get(P0));
    }

    @Test
    void revokedPartitionsAreForgottenAndLateConfirmationsIgnored() {
        PartitionProgress p = new PartitionProgress();
        p.track(P1, 3);
        p.forget(List.of(P1));
        p.done(P1, 3);
        assertTrue(p.committable(List.of(P1)).isEmpty());
    }
}
