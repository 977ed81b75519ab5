package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class DurableCheckpointsTest {
    private static SourceRecord record(String stream, String checkpoint) {
        return new SourceRecord(SourceOffsets.streamPartition(stream), SourceOffsets.streamOffset(checkpoint), "t",
                Schema.BYTES_SCHEMA, new byte[0]);
    }

    @Test
    void withoutTransactionsACheckpointIsDurableOneCommitAfterItsAcknowledgedPrefix() {
        DurableCheckpoints d = new DurableCheckpoints(false);
        d.open("s", "c0");
        d.open("other", null);
        assertEquals(Optional.of("c0"), d.durable("s"), "the resume position came from the offset store");
        assertEquals(Optional.empty(), d.durable("other"));
        SourceRecord a = record("s", null);
        SourceRecord b = record("s", "c1");
        SourceRecord c = record("s", "c2");
        d.polled("s", a, null);
        d.polled("s", b, "c1");
        d.polled("s", c, "c2");
        d.acknowledged(b);
        d.acknowledged(c);
        d.committed();
        assertEquals(Optional.of("c0"), d.durable("s"), "a is not acknowledged: nothing after it counts");
        d.acknowledged(a);
        d.committed();
        assertEquals(Optional.of("c0"), d.durable("s"),
                "this commit may have begun before a was acknowledged: c2 is durable only at the next one");
        d.committed();
        assertEquals(Optional.of("c2"), d.durable("s"));
        assertEquals(0, d.inFlight());
        d.acknowledged(record("s", "unknown")); // a record the task never polled changes nothing
        assertEquals(Optional.of("c2"), d.durable("s"));
    }

    @Test
    void withTransactionsAnAcknowledgedPrefixIsDurableAtOnce() {
        DurableCheckpoints d = new DurableCheckpoints(true);
        d.open("s", null);
        SourceRecord a = record("s", "c1");
        SourceRecord b = record("s", "c2");
        d.polled("s", a, "c1");
        d.polled("s", b, "c2");
        d.acknowledged(b);
        assertEquals(Optional.empty(), d.durable("s"));
        d.acknowledged(a);
        assertEquals(Optional.of("c2"), d.durable("s"));
        d.committed();
        assertEquals(Optional.of("c2"), d.durable("s"));
    }
}
