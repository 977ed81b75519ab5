package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.postgres.wire.crypto.Base64;
import io.rapidbyte.postgres.wire.crypto.Hex;
import io.rapidbyte.postgres.wire.crypto.HmacSha256;
import io.rapidbyte.postgres.wire.crypto.Md5;
import io.rapidbyte.postgres.wire.crypto.Pbkdf2;
import io.rapidbyte.postgres.wire.crypto.Sha256;

import java.util.Arrays;

/**
 * A guest program exercising the library end to end without a network: it is
 * compiled with TeaVM to a WASI module and run in Chicory by
 * {@link TeaVmGuestTest}, and its output must equal a JVM run. Only code TeaVM
 * can compile belongs here.
 */
public final class GuestSelfCheck {

    private GuestSelfCheck() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run());
        System.out.flush(); // TeaVM's WASI stdout repeats unflushed output at exit
    }

    /** Transport over canned server bytes. */
    static final class Canned implements PgTransport {
        private final byte[] in;
        private int pos;

        Canned(byte[] in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == in.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1000), in.length - pos);
            System.arraycopy(in, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int readAvailable(byte[] b, int off, int len) {
            return pos == in.length ? 0 : read(b, off, len);
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Backend message builder. */
    static final class Msgs {
        private byte[] b = new byte[1024];
        private int n;
        private int start;

        private void ensure(int k) {
            if (b.length - n < k) {
                b = Arrays.copyOf(b, Math.max(b.length * 2, n + k));
            }
        }

        Msgs begin(char t) {
            ensure(5);
            start = n;
            b[n++] = (byte) t;
            n += 4;
            return this;
        }

        Msgs end() {
            BigEndian.putInt32(b, start + 1, n - start - 1);
            return this;
        }

        Msgs i8(int v) {
            ensure(1);
            b[n++] = (byte) v;
            return this;
        }

        Msgs i16(int v) {
            ensure(2);
            BigEndian.putInt16(b, n, v);
            n += 2;
            return this;
        }

        Msgs i32(int v) {
            ensure(4);
            BigEndian.putInt32(b, n, v);
            n += 4;
            return this;
        }

        Msgs bytes(byte[] x, int off, int len) {
            ensure(len);
            System.arraycopy(x, off, b, n, len);
            n += len;
            return this;
        }

        Msgs cs(String s) {
            byte[] u = Utf8.encode(s);
            return bytes(u, 0, u.length).i8(0);
        }

        byte[] toBytes() {
            return Arrays.copyOf(b, n);
        }
    }

    static String run() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("sha256=").append(Hex.encode(Sha256.hash(Utf8.encode("abc")))).append('\n');
        out.append("hmac=").append(Hex.encode(HmacSha256.mac(Utf8.encode("key"), Utf8.encode("fox")))).append('\n');
        out.append("pbkdf2=").append(Hex.encode(Pbkdf2.hi(Utf8.encode("pencil"),
                Base64.decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096))).append('\n');
        out.append("md5=").append(Md5.hex(Utf8.encode("The quick brown fox"))).append('\n');
        ScramSha256Client scram = new ScramSha256Client("user", Utf8.encode("pencil"), "rOprNGfwEbeRWgbNEkqO");
        String fin = scram.handleServerFirst(
                "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096");
        scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
        out.append("scram=").append(fin).append(' ').append(scram.isVerified()).append('\n');
        out.append("nonce=").append(ScramSha256Client.newNonce(NonceSource.seeded(new byte[] {1, 2, 3}))).append('\n');
        out.append("fallback=").append(ScramSha256Client.newNonce(NonceSource.fallback()).length()).append('\n');
        out.append("saslprep=").append(Hex.encode(SaslPrep.prepare("a\u00a0b\u00e9"))).append('\n');
        out.append("md5auth=").append(Md5Password.response("u", "p", new byte[] {1, 2, 3, 4})).append('\n');

        PgNumeric n = new PgNumeric().setText("-170141183460469231731687303715884105728");
        byte[] nb = new byte[NumericCodec.encodedLength(n)];
        NumericCodec.encode(n, nb, 0);
        PgNumeric d = NumericCodec.decode(nb, 0, nb.length);
        out.append("numeric=").append(d).append(' ').append(d.unscaledHigh()).append(' ').append(d.unscaledLow())
                .append(' ').append(new PgNumeric().setText("12.3400e-3")).append(' ')
                .append(new PgNumeric().setUnscaled(Long.MAX_VALUE, -1L, 38)).append(' ')
                .append(new PgNumeric().setText("1e50").fitsUnscaled128()).append('\n');
        byte[] ib = new byte[20];
        int il = NetworkCodec.encodeInet("2001:db8::ffff:1.2.3.4/64", false, ib, 0);
        out.append("inet=").append(NetworkCodec.inetText(ib, 0, il)).append(' ');
        il = NetworkCodec.encodeInet("::ffff:10.0.0.1", true, ib, 0);
        out.append(NetworkCodec.inetText(ib, 0, il)).append('\n');
        out.append("time=").append(TemporalCodec.timestampToUnixMicros(0)).append(' ')
                .append(TemporalCodec.dateToUnixDays(Integer.MIN_VALUE)).append('\n');
        out.append("utf8=").append(Utf8.decode(Utf8.encode("h\u00e9llo \u4e2d \ud83c\udf89")).length()).append('\n');
        out.append("float=").append(Float.intBitsToFloat(0x40490fdb)).append(' ')
                .append(Double.longBitsToDouble(0x4005bf0a8b145769L)).append('\n');
        clientPath(out);
        replicationPath(out);
        return out.toString();
    }

    /** pgoutput messages in XLogData (canned bytes). */
    static byte[] pgoutputStream() {
        Msgs s = new Msgs();
        s.begin('R').i32(0).end();
        s.begin('Z').i8('I').end();
        s.begin('W').i8(0).i16(0).end();
        Msgs body = new Msgs();
        body.i8('B').i32(0).i32(0x1000).i32(0).i32(5).i32(42);
        xlog(s, body);
        body = new Msgs();
        body.i8('R').i32(16384).cs("public").cs("t").i8('d').i16(2)
                .i8(1).cs("id").i32(PgOids.INT4).i32(-1).i8(0).cs("doc").i32(PgOids.TEXT).i32(-1);
        xlog(s, body);
        body = new Msgs();
        body.i8('U').i32(16384).i8('K').i16(2).i8('b').i32(4).i32(7).i8('n')
                .i8('N').i16(2).i8('b').i32(4).i32(8).i8('u');
        xlog(s, body);
        body = new Msgs();
        body.i8('C').i8(0).i32(0).i32(0x1000).i32(0).i32(0x1030).i32(0).i32(5);
        xlog(s, body);
        s.begin('d').i8('k').i32(0).i32(0x2000).i32(0).i32(0).i8(1).end();
        s.begin('c').end();
        s.begin('C').cs("START_STREAMING").end();
        s.begin('Z').i8('I').end();
        return s.toBytes();
    }

    private static void xlog(Msgs s, Msgs body) {
        byte[] b = body.toBytes();
        s.begin('d').i8('w').i32(0).i32(0x1000).i32(0).i32(0x2000).i32(0).i32(0).bytes(b, 0, b.length).end();
    }

    private static void replicationPath(StringBuilder out) throws Exception {
        PgConnection c = PgConnection.connect(new Canned(pgoutputStream()),
                io.rapidbyte.postgres.wire.replication.ReplicationCommands.replicationMode(
                        PgConnectOptions.builder("u")).build());
        io.rapidbyte.postgres.wire.replication.ReplicationStream stream =
                io.rapidbyte.postgres.wire.replication.ReplicationCommands.startLogical(c, "slot_1", 0,
                        new java.util.ArrayList<String[]>());
        io.rapidbyte.postgres.wire.pgoutput.PgOutputDecoder decoder =
                new io.rapidbyte.postgres.wire.pgoutput.PgOutputDecoder();
        final StringBuilder seen = new StringBuilder();
        io.rapidbyte.postgres.wire.pgoutput.PgOutputHandler h = new io.rapidbyte.postgres.wire.pgoutput.PgOutputHandler() {
            public void begin(long finalLsn, long ts, int xid) {
                seen.append("B").append(Long.toHexString(finalLsn)).append(' ').append(xid).append(' ');
            }

            public void commit(long commitLsn, long endLsn, long ts) {
                seen.append("C").append(Long.toHexString(endLsn)).append(' ');
            }

            public void relation(io.rapidbyte.postgres.wire.pgoutput.Relation r) {
                seen.append("R").append(r.name()).append(r.isKey(0)).append(r.columnCount()).append(' ');
            }

            public void type(int oid, String ns, String name) {
                seen.append("Y ");
            }

            public void insert(int rel, io.rapidbyte.postgres.wire.pgoutput.TupleData t) {
                seen.append("I ");
            }

            public void update(int rel, char oldKind, io.rapidbyte.postgres.wire.pgoutput.TupleData o,
                    io.rapidbyte.postgres.wire.pgoutput.TupleData n) {
                seen.append("U").append(oldKind).append(ScalarCodec.int4(o.buffer(), o.offset(0), o.length(0)))
                        .append(o.length(1)).append('>').append(ScalarCodec.int4(n.buffer(), n.offset(0), n.length(0)))
                        .append(n.length(1)).append(' ');
            }

            public void delete(int rel, char kind, io.rapidbyte.postgres.wire.pgoutput.TupleData o) {
                seen.append("D ");
            }

            public void truncate(int[] ids, boolean cascade, boolean restart) {
                seen.append("T ");
            }
        };
        int keepalives = 0;
        for (int i = 0; i < 10; i++) {
            int kind = stream.poll();
            if (kind == io.rapidbyte.postgres.wire.replication.ReplicationStream.XLOG_DATA) {
                decoder.decode(stream.buffer(), stream.dataOffset(), stream.dataLength(), h);
            } else if (kind == io.rapidbyte.postgres.wire.replication.ReplicationStream.KEEPALIVE) {
                keepalives++;
                seen.append("K").append(Long.toHexString(stream.walEnd())).append(stream.replyRequested());
                break;
            }
        }
        stream.sendStatus(0x2000, 0x1030, false, 0);
        stream.close();
        out.append("pgoutput=").append(seen).append(' ').append(keepalives).append(' ')
                .append(io.rapidbyte.postgres.wire.replication.Lsn.format(0x16B374D848L)).append(' ')
                .append(io.rapidbyte.postgres.wire.replication.Lsn.parse("16/B374D848") == 0x16B374D848L).append('\n');
    }

    /** Startup, a simple query, a binary COPY OUT split across messages, a COPY IN, a failure. */
    private static void clientPath(StringBuilder out) throws Exception {
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        BinaryCopyWriter w = new BinaryCopyWriter(copy::write, 64);
        for (int i = 0; i < 50; i++) {
            w.startTuple(4);
            w.writeInt4(i);
            if (i % 7 == 0) {
                w.writeNull();
            } else {
                w.writeText("row \u00e9 " + i);
            }
            w.writeNumeric(new PgNumeric().setUnscaled(i * 12345L, 2));
            w.beginArray(PgOids.TEXT);
            w.writeText("a");
            w.writeNull();
            w.endArray();
            w.endTuple();
        }
        w.finish();
        byte[] copyBytes = copy.toByteArray();
        Msgs s = new Msgs();
        s.begin('R').i32(0).end();
        s.begin('S').cs("server_version").cs("17.6").end();
        s.begin('K').i32(77).i32(88).end();
        s.begin('Z').i8('I').end();
        s.begin('T').i16(1).cs("x").i32(0).i16(0).i32(25).i16(-1).i32(-1).i16(0).end();
        s.begin('D').i16(1).i32(5).bytes(Utf8.encode("hello"), 0, 5).end();
        s.begin('C').cs("SELECT 1").end();
        s.begin('Z').i8('I').end();
        s.begin('H').i8(1).i16(4).i16(1).i16(1).i16(1).i16(1).end();
        for (int p = 0; p < copyBytes.length; p += 37) {
            s.begin('d').bytes(copyBytes, p, Math.min(37, copyBytes.length - p)).end();
        }
        s.begin('c').end();
        s.begin('C').cs("COPY 50").end();
        s.begin('Z').i8('I').end();
        s.begin('G').i8(1).i16(1).i16(1).end();
        s.begin('C').cs("COPY 3").end();
        s.begin('Z').i8('I').end();
        PgConnection c = PgConnection.connect(new Canned(s.toBytes()), PgConnectOptions.builder("u").password("p").build());
        out.append("query=").append(c.query("SELECT 'hello'").value(0, 0)).append(' ').append(c.serverVersionNum())
                .append(' ').append(c.backendProcessId()).append('\n');
        BinaryCopyReader r = new BinaryCopyReader(c.copyOut("COPY x TO STDOUT (FORMAT binary)"));
        long sum = 0;
        int nulls = 0;
        int rows = 0;
        PgNumeric num = new PgNumeric();
        ArrayReader ar = new ArrayReader();
        String last = "";
        while (r.next()) {
            rows++;
            sum += ScalarCodec.int4(r.buffer(), r.offset(0), r.length(0));
            if (r.isNull(1)) {
                nulls++;
            } else {
                last = ScalarCodec.text(r.buffer(), r.offset(1), r.length(1));
            }
            NumericCodec.decode(r.buffer(), r.offset(2), r.length(2), num);
            ar.reset(r.buffer(), r.offset(3), r.length(3));
            while (ar.next()) {
                nulls += ar.isNull() ? 1 : 0;
            }
        }
        out.append("copyout=").append(rows).append(' ').append(sum).append(' ').append(nulls).append(' ')
                .append(last).append(' ').append(num).append(' ').append(num.unscaledLow()).append('\n');
        CopyIn in = c.copyIn("COPY x FROM STDIN (FORMAT binary)");
        BinaryCopyWriter w2 = new BinaryCopyWriter(in);
        for (int i = 0; i < 3; i++) {
            w2.startTuple(1);
            w2.writeInt8(i);
            w2.endTuple();
        }
        w2.finish();
        out.append("copyin=").append(in.finish()).append(' ').append(in.bytesSent()).append('\n');
        c.close();
        try {
            PgConnection.connect(new Canned(new byte[0]), PgConnectOptions.builder("u").build());
        } catch (PgException e) {
            out.append("error=").append(e.categoryName()).append(' ').append(e.retryable()).append(' ')
                    .append(e.sqlState()).append('\n');
        }
    }
}
