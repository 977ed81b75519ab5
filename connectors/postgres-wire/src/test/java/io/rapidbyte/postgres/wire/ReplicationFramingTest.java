package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.pgoutput.PgOutputDecoder;
import io.rapidbyte.postgres.wire.replication.Lsn;
import io.rapidbyte.postgres.wire.replication.ReplicationCommands;
import io.rapidbyte.postgres.wire.replication.ReplicationStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Replication framing and pgoutput decoding on canned bytes: partial reads, malformed input, LSNs. */
class ReplicationFramingTest {

    /** Hands out at most {@code chunk} bytes per read and nothing at all on every other readAvailable. */
    static final class Trickle implements PgTransport {
        private final byte[] in;
        private final int chunk;
        private int pos;
        private boolean starve;
        final List<byte[]> sent = new ArrayList<>();

        Trickle(byte[] in, int chunk) {
            this.in = in;
            this.chunk = chunk;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == in.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), in.length - pos);
            System.arraycopy(in, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int readAvailable(byte[] b, int off, int len) {
            starve = !starve;
            return starve || pos == in.length ? 0 : read(b, off, len);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            sent.add(Arrays.copyOfRange(b, off, off + len));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void messagesSplitAcrossShortReadsArriveWholeAndQuietPollsSayNone() throws Exception {
        Trickle t = new Trickle(GuestSelfCheck.pgoutputStream(), 7);
        PgConnection c = PgConnection.connect(t, ReplicationCommands.replicationMode(PgConnectOptions.builder("u"))
                .build());
        ReplicationStream stream = ReplicationCommands.startLogical(c, "s", 0, List.of(new String[] {"proto_version",
                "1"}, new String[] {"publication_names", "it's"}));
        String start = new String(t.sent.get(t.sent.size() - 1), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(start.contains("START_REPLICATION SLOT s LOGICAL 0/0 (\"proto_version\" '1', "
                + "\"publication_names\" 'it''s')"), start);
        ChangeRecorder rec = new ChangeRecorder();
        PgOutputDecoder decoder = new PgOutputDecoder();
        int none = 0;
        int keepalives = 0;
        while (keepalives == 0) {
            int kind = stream.poll();
            if (kind == ReplicationStream.NONE) {
                none++;
            } else if (kind == ReplicationStream.XLOG_DATA) {
                decoder.decode(stream.buffer(), stream.dataOffset(), stream.dataLength(), rec);
            } else {
                keepalives++;
                assertEquals(0x2000, stream.walEnd());
                assertTrue(stream.replyRequested());
            }
        }
        assertTrue(none > 10, "short reads leave polls without a whole message: " + none);
        assertEquals(List.of("BEGIN", "RELATION public.t d id* doc", "UPDATE K(7,null) -> (8,unchanged)", "COMMIT"),
                rec.lines);
        assertEquals(0x1030, rec.lastCommitEnd);
        stream.sendStatus(0x2000, 0x1030, true, 946_684_800_000L + 1);
        byte[] status = t.sent.get(t.sent.size() - 1);
        assertEquals(5 + 34, status.length);
        assertEquals('d', status[0]);
        assertEquals('r', status[5]);
        assertEquals(1000, io.rapidbyte.postgres.wire.binary.BigEndian.int64(status, 5 + 25), "PG-epoch micros");
        assertEquals(1, status[5 + 33]);
        stream.close();
        assertEquals(TransactionStatus.IDLE, c.transactionStatus());
    }

    @Test
    void malformedPgoutputIsAProtocolViolationNamingTheProblem() {
        PgOutputDecoder d = new PgOutputDecoder();
        ChangeRecorder rec = new ChangeRecorder();
        assertEquals("pgoutput message 'B' is truncated", violation(d, rec, new byte[] {'B', 0, 0}));
        assertEquals("unknown pgoutput message 'Z'", violation(d, rec, new byte[] {'Z'}));
        assertEquals("streamed transaction message 'S' although streaming was not requested",
                violation(d, rec, new byte[] {'S', 0, 0, 0, 1, 1}));
        GuestSelfCheck.Msgs m = new GuestSelfCheck.Msgs();
        m.i8('I').i32(1).i8('N').i16(1).i8('b').i32(100).i32(5);
        assertEquals("column 1 of a tuple claims 100 bytes, 4 are left", violation(d, rec, m.toBytes()));
        m = new GuestSelfCheck.Msgs();
        m.i8('I').i32(1).i8('N').i16(1).i8('x');
        assertEquals("unknown tuple column kind 'x'", violation(d, rec, m.toBytes()));
        m = new GuestSelfCheck.Msgs();
        m.i8('D').i32(1).i8('N').i16(0);
        assertEquals("Delete without old key or old row ('N')", violation(d, rec, m.toBytes()));
        m = new GuestSelfCheck.Msgs();
        m.i8('T').i32(2).i8(3).i32(16384).i32(16385);
        rec.relations.put(16384, new io.rapidbyte.postgres.wire.pgoutput.Relation(16384, "s", "a", 'd',
                new String[0], new int[0], new int[0], new boolean[0]));
        rec.relations.put(16385, new io.rapidbyte.postgres.wire.pgoutput.Relation(16385, "s", "b", 'd',
                new String[0], new int[0], new int[0], new boolean[0]));
        try {
            d.decode(m.toBytes(), 0, m.toBytes().length, rec);
        } catch (PgException e) {
            throw new AssertionError(e);
        }
        assertEquals("TRUNCATE a b restart", rec.lines.get(rec.lines.size() - 1));
        assertEquals(PgOids.INT4, 23);
    }

    @Test
    void lsnTextRoundTripsAndComparesUnsigned() {
        assertEquals(0x16B374D848L, Lsn.parse("16/B374D848"));
        assertEquals("0/0", Lsn.format(0));
        assertEquals("FFFFFFFF/FFFFFFFF", Lsn.format(-1L));
        assertEquals(-1L, Lsn.parse("FFFFFFFF/FFFFFFFF"));
        assertTrue(Lsn.compare(-1L, 1L) > 0);
        for (String bad : new String[] {"", "16", "/1", "1/", "1/G", "123456789/0"}) {
            assertThrows(IllegalArgumentException.class, () -> Lsn.parse(bad), bad);
        }
        assertFalse(ReplicationCommands.isValidSlotName("a".repeat(64)));
        assertTrue(ReplicationCommands.isValidSlotName("rapidbyte_1"));
    }

    private static String violation(PgOutputDecoder d, ChangeRecorder rec, byte[] msg) {
        PgException e = assertThrows(PgException.class, () -> d.decode(msg, 0, msg.length, rec));
        assertEquals(PgException.PROTOCOL_VIOLATION, e.sqlState());
        return e.getMessage();
    }
}
