package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.sdk.text.Utf8;

/**
 * Encodes rows in PostgreSQL's binary COPY format for
 * {@code COPY table (cols) FROM STDIN (FORMAT binary)}, and passes them to a
 * {@link CopyDataSink} (normally a {@link CopyIn}) in chunks of about
 * {@link #DEFAULT_CHUNK} bytes, always at tuple boundaries.
 *
 * <p>Per row: {@link #startTuple(int)}, one {@code write*} per column in the COPY
 * column order, {@link #endTuple()}. After the last row, {@link #finish()} adds
 * the trailer and sends the rest. Arrays: {@link #beginArray(int)}, one
 * {@code write*} per element, {@link #endArray()} (one dimension, lower bound 1).
 *
 * <p>The server decodes each field with the column type's binary input function,
 * so the method must match the column type exactly (int4 column:
 * {@link #writeInt4}; varchar/text/bpchar/name: {@link #writeText}; numeric:
 * {@link #writeNumeric}; an array's element OID must be the column's element
 * type). Date/time methods take PostgreSQL-epoch values; convert Unix-epoch
 * values with {@link io.rapidbyte.postgres.wire.binary.TemporalCodec}.
 *
 * <p>A value that cannot be encoded (malformed uuid, inet or MAC text) throws
 * {@link io.rapidbyte.postgres.wire.binary.BinaryFormatException} before anything
 * of it is written; {@link #abortTuple()} then drops the partial row, so a bad
 * record can go to a dead-letter queue while the COPY continues.
 *
 * <p>Owned by one producer; not thread-safe.
 */
public final class BinaryCopyWriter {

    public static final int DEFAULT_CHUNK = 256 * 1024;

    private final CopyDataSink sink;
    private final int chunkSize;
    private byte[] buf;
    private int pos;
    private boolean headerWritten;
    private boolean finished;
    private int expectedFields = -1;
    private int tupleStart;
    private int writtenFields;
    private int arrayStart = -1;
    private int arrayElements;
    private boolean arrayHasNull;
    private long tuples;

    public BinaryCopyWriter(CopyDataSink sink) {
        this(sink, DEFAULT_CHUNK);
    }

    public BinaryCopyWriter(CopyDataSink sink, int chunkSize) {
        if (chunkSize < 64) {
            throw new IllegalArgumentException("chunk size too small");
        }
        this.sink = sink;
        this.chunkSize = chunkSize;
        this.buf = new byte[chunkSize + 1024];
    }

    public void startTuple(int fieldCount) {
        if (finished || expectedFields >= 0) {
            throw new IllegalStateException(finished ? "writer finished" : "previous tuple not ended");
        }
        if (fieldCount < 0 || fieldCount > 0x7fff) {
            throw new IllegalArgumentException("field count out of range: " + fieldCount);
        }
        writeHeaderOnce();
        ensure(2);
        tupleStart = pos;
        BigEndian.putInt16(buf, pos, fieldCount);
        pos += 2;
        expectedFields = fieldCount;
        writtenFields = 0;
    }

    /** Ends the row; sends a chunk to the sink when enough rows are buffered. */
    public void endTuple() throws PgException {
        if (arrayStart >= 0) {
            throw new IllegalStateException("array not ended");
        }
        if (expectedFields < 0) {
            throw new IllegalStateException("no tuple started");
        }
        if (writtenFields != expectedFields) {
            throw new IllegalStateException("tuple declared " + expectedFields + " fields, wrote " + writtenFields);
        }
        expectedFields = -1;
        tuples++;
        if (pos >= chunkSize) {
            sendBuffered();
        }
    }

    /**
     * Drops the tuple being written (after a value could not be converted, say),
     * so the next {@link #startTuple} starts clean. Nothing of it has been sent.
     */
    public void abortTuple() {
        if (expectedFields < 0) {
            return;
        }
        pos = tupleStart;
        expectedFields = -1;
        arrayStart = -1;
    }

    /** Writes the trailer and sends everything left. The sink is not closed. */
    public void finish() throws PgException {
        if (finished) {
            return;
        }
        if (expectedFields >= 0) {
            throw new IllegalStateException("tuple not ended");
        }
        writeHeaderOnce(); // an empty COPY still needs its header
        ensure(2);
        BigEndian.putInt16(buf, pos, BinaryCopyFormat.TRAILER);
        pos += 2;
        finished = true;
        sendBuffered();
    }

    /** Rows completed so far. */
    public long tupleCount() {
        return tuples;
    }

    public void writeNull() {
        countField(true);
        ensure(4);
        BigEndian.putInt32(buf, pos, -1);
        pos += 4;
    }

    public void writeBool(boolean v) {
        begin(1);
        buf[pos++] = (byte) (v ? 1 : 0);
    }

    /** The single-byte {@code "char"} type. */
    public void writeChar(int v) {
        begin(1);
        buf[pos++] = (byte) v;
    }

    public void writeInt2(short v) {
        begin(2);
        BigEndian.putInt16(buf, pos, v);
        pos += 2;
    }

    public void writeInt4(int v) {
        begin(4);
        BigEndian.putInt32(buf, pos, v);
        pos += 4;
    }

    public void writeInt8(long v) {
        begin(8);
        BigEndian.putInt64(buf, pos, v);
        pos += 8;
    }

    /** oid: unsigned 32-bit. */
    public void writeOid(long v) {
        writeInt4((int) v);
    }

    public void writeFloat4(float v) {
        writeInt4(Float.floatToRawIntBits(v));
    }

    public void writeFloat8(double v) {
        writeInt8(Double.doubleToRawLongBits(v));
    }

    /** text, varchar, bpchar, name, xml, json. */
    public void writeText(CharSequence s) {
        int n = Utf8.encodedLength(s);
        begin(n);
        pos = Utf8.encode(s, buf, pos);
    }

    /** Already-UTF-8 text (e.g. straight from an Arrow utf8 buffer), or bytea contents. */
    public void writeBytes(byte[] b, int off, int len) {
        begin(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** jsonb: version byte 1 followed by the JSON text. */
    public void writeJsonb(CharSequence json) {
        int n = Utf8.encodedLength(json);
        begin(n + 1);
        buf[pos++] = (byte) ScalarCodec.JSONB_VERSION;
        pos = Utf8.encode(json, buf, pos);
    }

    /** jsonb from UTF-8 JSON text bytes. */
    public void writeJsonbUtf8(byte[] b, int off, int len) {
        begin(len + 1);
        buf[pos++] = (byte) ScalarCodec.JSONB_VERSION;
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** date: days since 2000-01-01 or a TemporalCodec infinity sentinel. */
    public void writeDate(int pgDays) {
        writeInt4(pgDays);
    }

    /** time: microseconds since midnight. */
    public void writeTime(long micros) {
        writeInt8(micros);
    }

    /** timetz: local microseconds since midnight and the UTC offset in seconds, east positive. */
    public void writeTimetz(long micros, int offsetSecondsEast) {
        begin(12);
        BigEndian.putInt64(buf, pos, micros);
        BigEndian.putInt32(buf, pos + 8, -offsetSecondsEast);
        pos += 12;
    }

    /** timestamp or timestamptz: microseconds since 2000-01-01 00:00 (UTC for timestamptz), or a sentinel. */
    public void writeTimestamp(long pgMicros) {
        writeInt8(pgMicros);
    }

    public void writeInterval(int months, int days, long micros) {
        begin(16);
        BigEndian.putInt64(buf, pos, micros);
        BigEndian.putInt32(buf, pos + 8, days);
        BigEndian.putInt32(buf, pos + 12, months);
        pos += 16;
    }

    public void writeUuid(long high, long low) {
        begin(16);
        BigEndian.putInt64(buf, pos, high);
        BigEndian.putInt64(buf, pos + 8, low);
        pos += 16;
    }

    /** uuid from its 8-4-4-4-12 text form. */
    public void writeUuid(CharSequence text) {
        byte[] tmp = new byte[16];
        ScalarCodec.parseUuid(text, tmp, 0); // parse first: a bad value leaves nothing half-written
        writeBytes(tmp, 0, 16);
    }

    public void writeNumeric(PgNumeric n) {
        begin(NumericCodec.encodedLength(n));
        pos += NumericCodec.encode(n, buf, pos);
    }

    /** inet (cidr=false) or cidr (cidr=true) from text such as {@code 10.0.0.1/8} or {@code ::1}. */
    public void writeInet(String text, boolean cidr) {
        byte[] tmp = new byte[20];
        int n = NetworkCodec.encodeInet(text, cidr, tmp, 0);
        writeBytes(tmp, 0, n);
    }

    /** macaddr (size 6) or macaddr8 (size 8) from text. */
    public void writeMac(String text, int size) {
        if (size != 6 && size != 8) {
            throw new IllegalArgumentException("MAC size must be 6 or 8");
        }
        byte[] tmp = new byte[size];
        NetworkCodec.parseMac(text, size, tmp, 0);
        writeBytes(tmp, 0, size);
    }

    /** Starts a one-dimensional array field whose elements follow as {@code write*} calls. */
    public void beginArray(int elementOid) {
        if (arrayStart >= 0) {
            throw new IllegalStateException("nested arrays are not supported");
        }
        countField(false);
        ensure(24);
        arrayStart = pos;
        pos += 4; // field length, patched in endArray
        BigEndian.putInt32(buf, pos, 1);
        BigEndian.putInt32(buf, pos + 4, 0); // has-nulls, patched
        BigEndian.putInt32(buf, pos + 8, elementOid);
        BigEndian.putInt32(buf, pos + 12, 0); // length, patched
        BigEndian.putInt32(buf, pos + 16, 1); // lower bound
        pos += 20;
        arrayElements = 0;
        arrayHasNull = false;
    }

    public void endArray() {
        if (arrayStart < 0) {
            throw new IllegalStateException("no array started");
        }
        int start = arrayStart;
        arrayStart = -1;
        if (arrayElements == 0) {
            // PostgreSQL writes empty arrays with zero dimensions; do the same.
            BigEndian.putInt32(buf, start + 4, 0);
            pos = start + 16;
        } else {
            BigEndian.putInt32(buf, start + 8, arrayHasNull ? 1 : 0);
            BigEndian.putInt32(buf, start + 16, arrayElements);
        }
        BigEndian.putInt32(buf, start, pos - start - 4);
    }

    private void writeHeaderOnce() {
        if (headerWritten) {
            return;
        }
        ensure(BinaryCopyFormat.HEADER_LENGTH);
        System.arraycopy(BinaryCopyFormat.SIGNATURE, 0, buf, pos, BinaryCopyFormat.SIGNATURE.length);
        pos += BinaryCopyFormat.SIGNATURE.length;
        BigEndian.putInt32(buf, pos, 0); // flags: no OIDs
        BigEndian.putInt32(buf, pos + 4, 0); // no header extension
        pos += 8;
        headerWritten = true;
    }

    private void begin(int len) {
        countField(false);
        ensure(4 + len);
        BigEndian.putInt32(buf, pos, len);
        pos += 4;
    }

    private void countField(boolean isNull) {
        if (arrayStart >= 0) {
            arrayElements++;
            arrayHasNull |= isNull;
            return;
        }
        if (expectedFields < 0) {
            throw new IllegalStateException("no tuple started");
        }
        if (writtenFields == expectedFields) {
            throw new IllegalStateException("more fields than the tuple declared (" + expectedFields + ")");
        }
        writtenFields++;
    }

    private void ensure(int n) {
        if (buf.length - pos >= n) {
            return;
        }
        long want = Math.max((long) buf.length * 2, (long) pos + n);
        if (want > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("tuple too large to encode");
        }
        byte[] grown = new byte[(int) want];
        System.arraycopy(buf, 0, grown, 0, pos);
        buf = grown;
    }

    private void sendBuffered() throws PgException {
        if (pos > 0) {
            sink.write(buf, 0, pos);
            pos = 0;
        }
        if (buf.length > 4 * (chunkSize + 1024)) {
            buf = new byte[chunkSize + 1024]; // a huge row grew it; give the memory back
        }
    }
}
