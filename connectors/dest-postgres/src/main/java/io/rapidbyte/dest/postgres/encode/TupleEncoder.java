package io.rapidbyte.dest.postgres.encode;

import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.sdk.arrow.ByteArrays;
import io.rapidbyte.sdk.arrow.RecordBatch;
import org.teavm.interop.Address;

/**
 * Encodes rows of record batches as PostgreSQL binary COPY tuples into its own growable buffer,
 * reading the Arrow buffers in place (validity bits, little-endian values, offsets) and writing
 * big-endian fields. This is the connector's hot loop, written for the TeaVM guest: one call per
 * value (every call with object references costs a shadow-stack frame), and fixed-width values
 * moved with whole-word loads and stores through {@link Address} instead of byte by byte (each
 * array access is a bounds check plus a load in wasm). The Arrow buffers were bounds-checked by
 * the SDK's decoder and {@code ensure} makes room first; no allocation happens between taking an
 * array's address and using it, so TeaVM's moving GC cannot move the array meanwhile. Wasm-only
 * (Address is a TeaVM intrinsic). A value the column type cannot take throws
 * {@link ValueException} naming the column, with nothing of its row left in the buffer. Not
 * thread-safe; one per load target, {@link #bind} per batch.
 */
public final class TupleEncoder {
    /** The 11-byte signature, flags and header extension length of a binary COPY stream. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    private static final long UNIX_TO_PG_DAYS = 10_957L;
    private static final long UNIX_TO_PG_MICROS = 946_684_800_000_000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final ColumnSlot[] slots;
    private final String[] names;
    private final NumericBinary numeric = new NumericBinary();
    private final byte[] scratch = new byte[24];
    private byte[] buf = new byte[320 * 1024];
    private int pos;

    /**
     * @param encodings per target column, in COPY column order
     * @param fields    the batch field feeding each column ({@link io.rapidbyte.dest.postgres.encode.Encoding#ORDINAL}
     *                  columns ignore it)
     * @param names     column names, for error messages
     */
    public TupleEncoder(Encoding[] encodings, int[] fields, String[] names) {
        slots = new ColumnSlot[encodings.length];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = new ColumnSlot(encodings[k], fields[k]);
        }
        this.names = names;
    }

    /** Points every column at {@code batch}'s buffers. */
    public void bind(RecordBatch batch) {
        for (ColumnSlot s : slots) {
            if (s.enc.kind != Encoding.ORDINAL) {
                s.bind(batch.column(s.field));
            }
        }
    }

    public byte[] buffer() {
        return buf;
    }

    /** Bytes encoded since the last {@link #clear}. */
    public int length() {
        return pos;
    }

    public void clear() {
        pos = 0;
    }

    public void header() {
        ensure(HEADER.length);
        System.arraycopy(HEADER, 0, buf, pos, HEADER.length);
        pos += HEADER.length;
    }

    public void trailer() {
        ensure(2);
        buf[pos++] = (byte) 0xFF;
        buf[pos++] = (byte) 0xFF;
    }

    /** Appends row {@code r} as one tuple. */
    public void row(int r) {
        int start = pos;
        int k = 0;
        try {
            if (buf.length - pos < 2) {
                ensure(2);
            }
            buf[pos] = (byte) (slots.length >>> 8);
            buf[pos + 1] = (byte) slots.length;
            pos += 2;
            for (; k < slots.length; k++) {
                ColumnSlot s = slots[k];
                if (s.validity >= 0 && (s.d[s.validity + (r >>> 3)] & (1 << (r & 7))) == 0) {
                    if (buf.length - pos < 4) {
                        ensure(4);
                    }
                    Address.ofData(buf).add(pos).putInt(-1);
                    pos += 4;
                } else {
                    value(s, r);
                }
            }
        } catch (IllegalArgumentException e) {
            pos = start;
            throw new ValueException(k, names[k], e.getMessage());
        } catch (RuntimeException e) {
            pos = start;
            throw e;
        }
    }

    /**
     * Writes non-null value {@code i} of {@code s} with its length word. The common kinds are
     * straight-line code on local copies of the buffer and position (see the class comment).
     */
    private void value(ColumnSlot s, int i) {
        byte[] d = s.d;
        Encoding enc = s.enc;
        switch (enc.kind) {
            case Encoding.REVERSED: {
                int w = enc.width;
                if (buf.length - pos < 12) {
                    ensure(12);
                }
                // no allocation from here to the end of the case: the arrays cannot move
                Address at = Address.ofData(buf).add(pos);
                Address from = Address.ofData(d).add(s.values + w * i);
                at.putInt(w << 24);
                if (w == 8) {
                    at.add(4).putLong(Long.reverseBytes(from.getLong()));
                } else if (w == 4) {
                    at.add(4).putInt(Integer.reverseBytes(from.getInt()));
                } else {
                    at.add(4).putShort(Short.reverseBytes(from.getShort()));
                }
                pos += 4 + w;
                return;
            }
            case Encoding.INT_WIDEN:
                putBigEndian(readInt(d, s.values, enc.width, i), enc.pgWidth);
                return;
            case Encoding.ORDINAL:
                putBigEndian(i, 8);
                return;
            case Encoding.TIMESTAMP: {
                long micros = Address.ofData(d).add(s.values + 8 * i).getLong();
                if (micros != Long.MAX_VALUE && micros != Long.MIN_VALUE) {
                    if (micros < Long.MIN_VALUE + UNIX_TO_PG_MICROS + 1) {
                        throw new IllegalArgumentException("timestamp outside the range PostgreSQL can store");
                    }
                    micros -= UNIX_TO_PG_MICROS;
                }
                putBigEndian(micros, 8);
                return;
            }
            case Encoding.DATE: {
                long days = Address.ofData(d).add(s.values + 4 * i).getInt();
                if (days != Integer.MAX_VALUE && days != Integer.MIN_VALUE) {
                    days -= UNIX_TO_PG_DAYS;
                    if (days <= Integer.MIN_VALUE) {
                        throw new IllegalArgumentException("date outside the range PostgreSQL can store");
                    }
                }
                putBigEndian(days, 4);
                return;
            }
            case Encoding.TIME: {
                long micros = Address.ofData(d).add(s.values + 8 * i).getLong();
                if (micros < 0 || micros > MICROS_PER_DAY) {
                    throw new IllegalArgumentException("time of day " + micros + " us is outside 00:00..24:00");
                }
                putBigEndian(micros, 8);
                return;
            }
            case Encoding.BOOL: {
                if (buf.length - pos < 5) {
                    ensure(5);
                }
                byte[] b = buf;
                int p = pos;
                b[p] = 0;
                b[p + 1] = 0;
                b[p + 2] = 0;
                b[p + 3] = 1;
                b[p + 4] = (byte) ((d[s.values + (i >>> 3)] >>> (i & 7)) & 1);
                pos = p + 5;
                return;
            }
            case Encoding.BYTES:
            case Encoding.JSONB: {
                Address o = Address.ofData(d).add(s.offsets + 4 * i);
                int from = s.data + o.getInt();
                int n = s.data + o.add(4).getInt() - from;
                int extra = enc.kind == Encoding.JSONB ? 1 : 0;
                if (buf.length - pos < 4 + extra + n) {
                    ensure(4 + extra + n);
                }
                byte[] b = buf;
                Address.ofData(b).add(pos).putInt(Integer.reverseBytes(n + extra));
                if (extra == 1) {
                    b[pos + 4] = (byte) ScalarCodec.JSONB_VERSION;
                }
                ByteArrays.copyValue(d, from, b, pos + 4 + extra, n);
                pos += 4 + extra + n;
                return;
            }
            case Encoding.FIXED: {
                int n = enc.width;
                if (buf.length - pos < 4 + n) {
                    ensure(4 + n);
                }
                Address.ofData(buf).add(pos).putInt(Integer.reverseBytes(n));
                ByteArrays.copyValue(d, s.values + n * i, buf, pos + 4, n);
                pos += 4 + n;
                return;
            }
            case Encoding.DECIMAL: {
                Address q = Address.ofData(d).add(s.values + 16 * i);
                decimal(q.add(8).getLong(), q.getLong(), s.scale);
                return;
            }
            case Encoding.INT_NUMERIC: {
                long v = readInt(d, s.values, enc.width, i);
                decimal(v >> 63, v, 0);
                return;
            }
            case Encoding.FLOAT4_TO_8:
                putBigEndian(Double.doubleToRawLongBits(Float.intBitsToFloat(le32(d, s.values + 4 * i))), 8);
                return;
            case Encoding.INTERVAL: {
                int q = s.values + 16 * i;
                int months = le32(d, q);
                int days = le32(d, q + 4);
                long micros = Encoding.intervalMicros(months, days, le64(d, q + 8));
                if (buf.length - pos < 20) {
                    ensure(20);
                }
                putRaw(16, 4);
                putRaw(micros, 8);
                putRaw(days, 4);
                putRaw(months, 4);
                return;
            }
            case Encoding.ARRAY:
                array(s, i);
                return;
            default:
                parsedText(s, i);
        }
    }

    /** {@code value} as a 2-, 4- or 8-byte big-endian field with its length word. */
    private void putBigEndian(long value, int width) {
        if (buf.length - pos < 12) {
            ensure(12);
        }
        Address at = Address.ofData(buf).add(pos);
        at.putInt(width << 24);
        if (width == 8) {
            at.add(4).putLong(Long.reverseBytes(value));
        } else if (width == 4) {
            at.add(4).putInt(Integer.reverseBytes((int) value));
        } else {
            at.add(4).putShort(Short.reverseBytes((short) value));
        }
        pos += 4 + width;
    }

    /** {@code value} as {@code width} big-endian bytes, no length word (room already ensured). */
    private void putRaw(long value, int width) {
        byte[] b = buf;
        int p = pos;
        long v = value;
        for (int k = width - 1; k >= 0; k--) {
            b[p + k] = (byte) v;
            v >>= 8;
        }
        pos = p + width;
    }

    private void decimal(long hi, long lo, int scale) {
        if (buf.length - pos < 4 + NumericBinary.MAX_DECIMAL_BYTES) {
            ensure(4 + NumericBinary.MAX_DECIMAL_BYTES);
        }
        int end = numeric.writeDecimal(buf, pos + 4, hi, lo, scale);
        int n = end - pos - 4;
        byte[] b = buf;
        b[pos] = 0;
        b[pos + 1] = 0;
        b[pos + 2] = (byte) (n >>> 8);
        b[pos + 3] = (byte) n;
        pos = end;
    }

    /** utf8 values the wire client parses: numeric text, inet, cidr, macaddr(8), uuid text. */
    private void parsedText(ColumnSlot s, int i) {
        int from = s.data + le32(s.d, s.offsets + 4 * i);
        int end = s.data + le32(s.d, s.offsets + 4 * i + 4);
        String text = io.rapidbyte.sdk.text.Utf8.decode(s.d, from, end - from);
        int n;
        switch (s.enc.kind) {
            case Encoding.NUMERIC_TEXT:
                n = numeric.parseText(text);
                ensure(4 + n);
                putInt(n);
                pos = numeric.writeParsed(buf, pos);
                return;
            case Encoding.INET:
            case Encoding.CIDR:
                n = NetworkCodec.encodeInet(text, s.enc.kind == Encoding.CIDR, scratch, 0);
                break;
            case Encoding.MAC6:
            case Encoding.MAC8:
                n = s.enc.kind == Encoding.MAC6 ? 6 : 8;
                NetworkCodec.parseMac(text, n, scratch, 0);
                break;
            case Encoding.UUID_TEXT:
                n = 16;
                ScalarCodec.parseUuid(text, scratch, 0);
                break;
            default:
                throw new IllegalStateException("unknown encoding " + s.enc.kind);
        }
        ensure(4 + n);
        putInt(n);
        System.arraycopy(scratch, 0, buf, pos, n);
        pos += n;
    }

    /** A one-dimensional array (lower bound 1) of the list's elements; an empty list has no dimension. */
    private void array(ColumnSlot s, int i) {
        int from = le32(s.d, s.offsets + 4 * i);
        int end = le32(s.d, s.offsets + 4 * i + 4);
        ColumnSlot e = s.child;
        ensure(24);
        int start = pos;
        pos += 4; // length word, patched below
        putInt(end > from ? 1 : 0);
        int flagsAt = pos;
        putInt(0);
        putInt(s.enc.elementOid);
        if (end > from) {
            putInt(end - from);
            putInt(1);
        }
        boolean nulls = false;
        for (int j = from; j < end; j++) {
            if (e.isNull(j)) {
                nulls = true;
                ensure(4);
                putInt(-1);
            } else {
                value(e, j);
            }
        }
        if (nulls) {
            buf[flagsAt + 3] = 1;
        }
        int len = pos - start - 4;
        buf[start] = (byte) (len >>> 24);
        buf[start + 1] = (byte) (len >>> 16);
        buf[start + 2] = (byte) (len >>> 8);
        buf[start + 3] = (byte) len;
    }

    private static long readInt(byte[] d, int values, int width, int i) {
        switch (width) {
            case 1:
                return d[values + i];
            case 2: {
                int p = values + 2 * i;
                return (short) ((d[p] & 0xFF) | (d[p + 1] << 8));
            }
            case 4:
                return le32(d, values + 4 * i);
            default:
                return le64(d, values + 8 * i);
        }
    }

    private static int le32(byte[] d, int p) {
        return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16 | d[p + 3] << 24;
    }

    private static long le64(byte[] d, int p) {
        return (le32(d, p) & 0xFFFFFFFFL) | (long) le32(d, p + 4) << 32;
    }

    private void putInt(int v) {
        byte[] b = buf;
        int p = pos;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        pos = p + 4;
    }

    private void ensure(int n) {
        if (buf.length - pos < n) {
            long want = Math.max(2L * buf.length, (long) pos + n);
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("row too large to encode");
            }
            byte[] grown = new byte[(int) want];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }
}
