package io.rapidbyte.postgres.wire.pgoutput;

import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Decodes one pgoutput message (the payload of an XLogData) and hands it to a
 * {@link PgOutputHandler}. Protocol version 1 without streaming: the streamed-transaction
 * messages are refused, Origin and logical decoding Message ('M') are skipped. Values stay in
 * the caller's buffer; the decoder reuses two {@link TupleData} objects. Not thread-safe.
 */
public final class PgOutputDecoder {
    /** Microseconds from the Unix epoch to the PostgreSQL epoch (2000-01-01). */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private final TupleData oldTuple = new TupleData();
    private final TupleData newTuple = new TupleData();
    private byte[] b;
    private int p;
    private int end;

    /**
     * @throws PgException a protocol violation naming what is malformed
     */
    public void decode(byte[] buf, int off, int len, PgOutputHandler handler) throws PgException {
        if (len < 1) {
            throw PgException.protocolViolation("empty pgoutput message");
        }
        b = buf;
        p = off + 1;
        end = off + len;
        try {
            dispatch(buf[off], handler);
        } catch (IndexOutOfBoundsException e) {
            throw PgException.protocolViolation("pgoutput message '" + (char) (buf[off] & 0xff) + "' is truncated");
        } finally {
            b = null;
        }
    }

    /*
     * Per message: each kind is decoded in a method of its own and every error message is built
     * out of line, so that this switch stays small enough for HotSpot to JIT once Chicory compiles
     * the guest (wasm-build's GuestMethodSizes); TeaVM inlines small methods into their callers.
     */
    private void dispatch(byte type, PgOutputHandler h) throws PgException {
        switch (type) {
            case 'B':
                begin(h);
                return;
            case 'C':
                commit(h);
                return;
            case 'R':
                h.relation(relation());
                return;
            case 'Y':
                typeMessage(h);
                return;
            case 'I':
                insert(h);
                return;
            case 'U':
                update(h);
                return;
            case 'D':
                delete(h);
                return;
            case 'T':
                truncate(h);
                return;
            case 'O':
            case 'M':
                return;
            default:
                throw unexpectedMessage(type);
        }
    }

    private void begin(PgOutputHandler h) {
        long finalLsn = int64();
        long ts = int64() + PG_EPOCH_MICROS;
        h.begin(finalLsn, ts, int32());
    }

    private void commit(PgOutputHandler h) {
        p++; // flags, unused
        long commitLsn = int64();
        long endLsn = int64();
        h.commit(commitLsn, endLsn, int64() + PG_EPOCH_MICROS);
    }

    private void typeMessage(PgOutputHandler h) {
        int oid = int32();
        String ns = cstring();
        h.type(oid, ns, cstring());
    }

    private void insert(PgOutputHandler h) throws PgException {
        int rel = int32();
        expect('N', "Insert");
        tuple(newTuple);
        h.insert(rel, newTuple);
    }

    private void delete(PgOutputHandler h) throws PgException {
        int rel = int32();
        byte kind = next();
        if (kind != 'K' && kind != 'O') {
            throw violation("Delete without old key or old row ('", (char) kind, "')");
        }
        tuple(oldTuple);
        h.delete(rel, (char) kind, oldTuple);
    }

    private void truncate(PgOutputHandler h) throws PgException {
        int n = int32();
        int options = next();
        if (n < 0 || n > (end - p) / 4) {
            throw truncateCount(n);
        }
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = int32();
        }
        h.truncate(ids, (options & 1) != 0, (options & 2) != 0);
    }

    private void update(PgOutputHandler h) throws PgException {
        int rel = int32();
        byte kind = next();
        char oldKind = 0;
        if (kind == 'K' || kind == 'O') {
            oldKind = (char) kind;
            tuple(oldTuple);
            kind = next();
        }
        if (kind != 'N') {
            throw violation("Update without a new tuple ('", (char) kind, "')");
        }
        tuple(newTuple);
        h.update(rel, oldKind, oldKind == 0 ? null : oldTuple, newTuple);
    }

    private Relation relation() throws PgException {
        int id = int32();
        String ns = cstring();
        String name = cstring();
        char identity = (char) next();
        int n = BigEndian.uint16(b, p);
        p += 2;
        String[] names = new String[n];
        int[] oids = new int[n];
        int[] typmods = new int[n];
        boolean[] key = new boolean[n];
        for (int i = 0; i < n; i++) {
            key[i] = (next() & 1) != 0;
            names[i] = cstring();
            oids[i] = int32();
            typmods[i] = int32();
        }
        return new Relation(id, ns, name, identity, names, oids, typmods, key);
    }

    private void tuple(TupleData t) throws PgException {
        int n = BigEndian.uint16(b, p);
        p += 2;
        t.ensure(n);
        t.buffer = b;
        t.columnCount = n;
        for (int i = 0; i < n; i++) {
            byte kind = next();
            t.kinds[i] = kind;
            switch (kind) {
                case TupleData.NULL:
                    t.lengths[i] = -1;
                    break;
                case TupleData.UNCHANGED:
                    t.lengths[i] = -2;
                    break;
                case TupleData.TEXT:
                case TupleData.BINARY: {
                    int len = int32();
                    if (len < 0 || len > end - p) {
                        throw columnLength(i, len, end - p);
                    }
                    t.offsets[i] = p;
                    t.lengths[i] = len;
                    p += len;
                    break;
                }
                default:
                    throw violation("unknown tuple column kind '", (char) (kind & 0xff), "'");
            }
        }
    }

    private void expect(char kind, String message) throws PgException {
        byte got = next();
        if (got != kind) {
            throw unexpectedKind(message, kind, got);
        }
    }

    /*
     * The error messages, out of line: synchronized only because TeaVM never inlines a synchronized
     * method (see BigEndian.outOfRange); they run only on malformed input.
     */
    private static synchronized PgException unexpectedMessage(byte type) {
        switch (type) {
            case 'S':
            case 'E':
            case 'c':
            case 'A':
                return PgException.protocolViolation("streamed transaction message '" + (char) type
                        + "' although streaming was not requested");
            default:
                return PgException.protocolViolation("unknown pgoutput message '" + (char) (type & 0xff) + "'");
        }
    }

    private static synchronized PgException violation(String before, char kind, String after) {
        return PgException.protocolViolation(before + kind + after);
    }

    private static synchronized PgException truncateCount(int n) {
        return PgException.protocolViolation("Truncate of " + n + " relations");
    }

    private static synchronized PgException columnLength(int i, int len, int left) {
        return PgException.protocolViolation("column " + (i + 1) + " of a tuple claims " + len + " bytes, " + left
                + " are left");
    }

    private static synchronized PgException unexpectedKind(String message, char kind, byte got) {
        return PgException.protocolViolation(message + " expected '" + kind + "', got '" + (char) (got & 0xff) + "'");
    }

    private byte next() {
        if (p >= end) {
            throw new IndexOutOfBoundsException();
        }
        return b[p++];
    }

    private int int32() {
        if (end - p < 4) {
            throw new IndexOutOfBoundsException();
        }
        int v = BigEndian.int32(b, p);
        p += 4;
        return v;
    }

    private long int64() {
        if (end - p < 8) {
            throw new IndexOutOfBoundsException();
        }
        long v = BigEndian.int64(b, p);
        p += 8;
        return v;
    }

    private String cstring() {
        int z = p;
        while (z < end && b[z] != 0) {
            z++;
        }
        if (z >= end) {
            throw new IndexOutOfBoundsException();
        }
        String s = Utf8.decode(b, p, z - p);
        p = z + 1;
        return s;
    }
}
