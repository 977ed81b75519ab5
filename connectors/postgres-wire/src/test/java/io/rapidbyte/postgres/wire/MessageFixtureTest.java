package io.rapidbyte.postgres.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backend message parsing from byte fixtures, through a connection on a scripted server. */
class MessageFixtureTest {

    private static final byte[] READY = FakeServer.msg().authOk().ready('I').build();

    private static PgConnection connect(FakeServer server) throws PgException {
        return PgConnection.connect(server, PgConnectOptions.builder("u").build(), 1024);
    }

    /** A server that answers the startup and then one canned reply per later flush. */
    private static FakeServer server(int readChunk, byte[]... replies) {
        int[] turn = {0};
        return new FakeServer(readChunk, req -> {
            int t = turn[0]++;
            if (t == 0) {
                return READY;
            }
            return t - 1 < replies.length ? replies[t - 1] : new byte[0];
        });
    }

    @Test
    void errorResponseAllFields() {
        FakeServer.Msg m = FakeServer.msg().begin('E');
        String codes = "SVCMDHPpqWstcdnFLR";
        String[] values = {"ERROR", "ERROR", "23505", "duplicate key", "Key (id)=(1) exists.", "try again", "12",
            "7", "SELECT 1", "PL/pgSQL function f()", "public", "t", "id", "int4", "t_pkey", "nbtinsert.c", "666",
            "_bt_check_unique"};
        for (int i = 0; i < codes.length(); i++) {
            m.int8(codes.charAt(i)).cstring(values[i]);
        }
        byte[] msg = m.int8('Z').cstring("future field").int8(0).build();
        PgServerMessage e = PgServerMessage.parse(msg, 5, msg.length - 5);
        assertEquals("ERROR", e.severity());
        assertEquals("ERROR", e.severityNonLocalized());
        assertEquals("23505", e.sqlState());
        assertEquals("duplicate key", e.message());
        assertEquals("Key (id)=(1) exists.", e.detail());
        assertEquals("try again", e.hint());
        assertEquals(12, e.position());
        assertEquals(7, e.internalPosition());
        assertEquals("SELECT 1", e.internalQuery());
        assertEquals("PL/pgSQL function f()", e.where());
        assertEquals("public", e.schemaName());
        assertEquals("t", e.tableName());
        assertEquals("id", e.columnName());
        assertEquals("int4", e.dataTypeName());
        assertEquals("t_pkey", e.constraintName());
        assertEquals("nbtinsert.c", e.file());
        assertEquals(666, e.line());
        assertEquals("_bt_check_unique", e.routine());
        assertEquals("future field", e.field('Z'));
        PgException ex = PgException.fromServer(e);
        assertEquals(PgErrorCategory.DATA, ex.category());
        assertFalse(ex.retryable());
        assertFalse(ex.connectionBroken());
        assertTrue(ex.getMessage().contains("Key (id)=(1) exists."));
        byte[] bad = {'S', 'E', 'R'};
        assertThrows(IllegalArgumentException.class, () -> PgServerMessage.parse(bad, 0, bad.length));
    }

    @Test
    void simpleQueryWithSeveralResultSetsNoticesAndParameterChanges() throws Exception {
        byte[] reply = FakeServer.msg()
                .begin('T').int16(2)
                .cstring("id").int32(16384).int16(1).int32(23).int16(4).int32(-1).int16(0)
                .cstring("name").int32(16384).int16(2).int32(1043).int16(-1).int32(36).int16(0)
                .begin('D').int16(2).int32(1).bytes("1".getBytes(StandardCharsets.UTF_8))
                .int32(6).bytes("h\u00e9l\u00f8".getBytes(StandardCharsets.UTF_8))
                .begin('N').int8('S').cstring("NOTICE").int8('C').cstring("00000").int8('M').cstring("hello").int8(0)
                .begin('D').int16(2).int32(2).bytes("22".getBytes(StandardCharsets.UTF_8)).int32(-1)
                .complete("SELECT 2")
                .param("TimeZone", "Europe/Paris")
                .complete("INSERT 0 5")
                .begin('I')
                .ready('T')
                .build();
        FakeServer server = server(5, reply);
        try (PgConnection c = connect(server)) {
            List<PgServerMessage> notices = new ArrayList<>();
            c.setNoticeListener(notices::add);
            List<QueryResult> results = c.simpleQuery("SELECT ...; INSERT ...; ;");
            assertEquals(3, results.size());
            QueryResult r = results.get(0);
            assertEquals(2, r.columns().size());
            assertEquals("name", r.columns().get(1).name());
            assertEquals(1043, r.columns().get(1).typeOid());
            assertEquals(36, r.columns().get(1).typeModifier());
            assertEquals(2, r.columns().get(1).columnNumber());
            assertEquals(16384, r.columns().get(0).tableOid());
            assertEquals(4, r.columns().get(0).typeSize());
            assertEquals("h\u00e9l\u00f8", r.value(0, 1));
            assertNull(r.value(1, 1));
            assertEquals(2, r.affectedRows());
            assertEquals(1, r.columnIndex("name"));
            assertEquals(5, results.get(1).affectedRows());
            assertFalse(results.get(1).hasRowDescription());
            assertTrue(results.get(2).isEmptyQuery());
            assertEquals(1, notices.size());
            assertEquals("hello", notices.get(0).message());
            assertEquals("Europe/Paris", c.parameter("TimeZone"));
            assertEquals(TransactionStatus.IN_TRANSACTION, c.transactionStatus());
            byte[] q = server.flushedRequests.get(1);
            assertEquals('Q', q[0]);
            assertEquals("SELECT ...; INSERT ...; ;", new String(q, 5, q.length - 6, StandardCharsets.UTF_8));
        }
    }

    @Test
    void errorMidQueryIsThrownAfterReadyForQueryAndConnectionStaysUsable() throws Exception {
        byte[] first = FakeServer.msg().complete("BEGIN")
                .error("ERROR", "42P01", "relation \"nope\" does not exist").ready('E').build();
        byte[] second = FakeServer.msg().complete("ROLLBACK").ready('I').build();
        try (PgConnection c = connect(server(1, first, second))) {
            PgException e = assertThrows(PgException.class, () -> c.simpleQuery("BEGIN; SELECT * FROM nope"));
            assertEquals("42P01", e.sqlState());
            assertEquals(PgErrorCategory.CONFIG, e.category());
            assertFalse(e.connectionBroken());
            assertEquals(TransactionStatus.FAILED, c.transactionStatus());
            assertEquals("ROLLBACK", c.query("ROLLBACK").commandTag());
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
            assertThrows(IllegalArgumentException.class, () -> c.query("SELECT '\0'"));
        }
    }

    @Test
    void fatalErrorBreaksTheConnection() throws Exception {
        byte[] reply = FakeServer.msg().error("FATAL", "57P01", "terminating connection due to administrator command")
                .build();
        PgConnection c = connect(server(64, reply));
        PgException e = assertThrows(PgException.class, () -> c.simpleQuery("SELECT 1"));
        assertEquals(PgErrorCategory.TRANSIENT_NETWORK, e.category());
        assertTrue(e.retryable());
        assertTrue(e.connectionBroken());
        assertTrue(c.isClosed());
        PgException again = assertThrows(PgException.class, () -> c.simpleQuery("SELECT 1"));
        assertEquals("08006", again.sqlState());
        c.close();
    }

    @Test
    void unexpectedMessageIsAProtocolViolation() throws Exception {
        byte[] reply = FakeServer.msg().begin('?').int32(1).build();
        PgConnection c = connect(server(64, reply));
        PgException e = assertThrows(PgException.class, () -> c.simpleQuery("SELECT 1"));
        assertEquals("08P01", e.sqlState());
        assertTrue(c.isClosed());
    }

    @Test
    void largeMessageGrowsTheBufferThenItShrinksBack() throws Exception {
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        byte[] reply = FakeServer.msg().begin('T').int16(1).cstring("t").int32(0).int16(0).int32(25).int16(-1)
                .int32(-1).int16(0)
                .begin('D').int16(1).int32(big.length).bytes(big)
                .begin('D').int16(1).int32(1).bytes(new byte[] {'x'})
                .complete("SELECT 2").ready('I').build();
        FakeServer server = server(100_000, reply);
        try (PgConnection c = connect(server)) {
            QueryResult r = c.query("SELECT big");
            assertEquals(new String(big, StandardCharsets.US_ASCII), r.value(0, 0));
            assertEquals("x", r.value(1, 0));
        }
        // The reader with its default buffer reads many small messages per transport call.
        byte[] many = manySmallRows(2000);
        FakeServer bulk = server(1 << 20, many);
        try (PgConnection c = PgConnection.connect(bulk, PgConnectOptions.builder("u").build())) {
            int before = bulk.readCalls;
            assertEquals(2000, c.query("SELECT").rowCount());
            assertTrue(bulk.readCalls - before < 5, "reads: " + (bulk.readCalls - before));
        }
    }

    @Test
    void readerReassemblesAndShrinks() throws Exception {
        byte[] big = FakeServer.msg().begin('d').bytes(new byte[5000]).begin('d').bytes(new byte[] {1, 2})
                .build();
        FakeServer server = new FakeServer(333, req -> new byte[0]);
        server.push(big);
        MessageReader r = new MessageReader(server, 1024);
        assertEquals('d', r.next());
        assertEquals(5000, r.bodyLength());
        assertTrue(r.capacity() >= 5000);
        assertEquals('d', r.next());
        assertEquals(2, r.bodyLength());
        assertArrayEquals(new byte[] {1, 2}, java.util.Arrays.copyOfRange(r.buffer(), r.bodyOffset(), r.bodyOffset() + 2));
        assertEquals(1024, r.capacity());
        PgException eof = assertThrows(PgException.class, r::next);
        assertEquals(PgErrorCategory.TRANSIENT_NETWORK, eof.category());
    }

    @Test
    void copyOutStreamsChunksAndCopyInChunksWrites() throws Exception {
        byte[] out = FakeServer.msg().begin('H').int8(1).int16(2).int16(1).int16(1)
                .begin('d').bytes(new byte[] {1, 2, 3})
                .begin('N').int8('S').cstring("NOTICE").int8('M').cstring("n").int8(0)
                .begin('d').bytes(new byte[] {4})
                .begin('c').complete("COPY 2").ready('I').build();
        byte[] inStart = FakeServer.msg().begin('G').int8(1).int16(1).int16(1).build();
        byte[] inEnd = FakeServer.msg().complete("COPY 7").ready('I').build();
        FakeServer server = server(2, out, inStart, inEnd);
        try (PgConnection c = connect(server)) {
            CopyOut co = c.copyOut("COPY t TO STDOUT (FORMAT binary)");
            assertEquals(1, co.overallFormat());
            assertEquals(2, co.columnCount());
            assertEquals(1, co.columnFormat(1));
            assertThrows(IllegalStateException.class, () -> c.simpleQuery("SELECT 1"));
            assertTrue(co.next());
            assertArrayEquals(new byte[] {1, 2, 3},
                    java.util.Arrays.copyOfRange(co.buffer(), co.offset(), co.offset() + co.length()));
            assertTrue(co.next());
            assertEquals(1, co.length());
            assertFalse(co.next());
            assertEquals(2, co.rowCount());
            assertTrue(co.isFinished());

            CopyIn ci = c.copyIn("COPY t FROM STDIN (FORMAT binary)");
            assertEquals(1, ci.columnCount());
            byte[] small = new byte[1000];
            for (int i = 0; i < 300; i++) {
                ci.write(small, 0, small.length); // 300 kB in small writes
            }
            byte[] large = new byte[CopyIn.CHUNK_SIZE * 2];
            ci.write(large, 0, large.length);
            assertEquals(7, ci.finish());
            assertEquals(300_000 + large.length, ci.bytesSent());
            byte[] sent = server.flushedRequests.get(3);
            int copyDataMessages = 0;
            long payload = 0;
            for (int p = 0; p < sent.length; ) {
                int len = ((sent[p + 1] & 0xff) << 24) | ((sent[p + 2] & 0xff) << 16) | ((sent[p + 3] & 0xff) << 8)
                        | (sent[p + 4] & 0xff);
                if (sent[p] == 'd') {
                    copyDataMessages++;
                    payload += len - 4;
                } else {
                    assertEquals('c', sent[p]);
                }
                p += 1 + len;
            }
            assertEquals(300_000 + large.length, payload);
            assertTrue(copyDataMessages <= 4, "CopyData messages: " + copyDataMessages);
        }
    }

    @Test
    void copyInFailSwallowsTheExpectedError() throws Exception {
        byte[] inStart = FakeServer.msg().begin('G').int8(0).int16(0).build();
        byte[] failed = FakeServer.msg().error("ERROR", "57014", "COPY from stdin failed: bad row").ready('I').build();
        FakeServer server = server(64, inStart, failed);
        try (PgConnection c = connect(server)) {
            CopyIn ci = c.copyIn("COPY t FROM STDIN");
            ci.write(new byte[] {'x'}, 0, 1);
            ci.fail("bad row");
            byte[] sent = server.flushedRequests.get(2);
            assertEquals('f', sent[0]);
            assertEquals("bad row", new String(sent, 5, sent.length - 6, StandardCharsets.UTF_8));
            assertThrows(IllegalStateException.class, () -> ci.write(new byte[1], 0, 1));
            assertEquals(TransactionStatus.IDLE, c.transactionStatus());
        }
    }

    private static byte[] manySmallRows(int n) {
        FakeServer.Msg m = FakeServer.msg().begin('T').int16(1).cstring("v").int32(0).int16(0).int32(23).int16(4)
                .int32(-1).int16(0);
        for (int i = 0; i < n; i++) {
            byte[] v = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
            m.begin('D').int16(1).int32(v.length).bytes(v);
        }
        return m.complete("SELECT " + n).ready('I').build();
    }
}
