package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.BigEndian;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import io.rapidbyte.sdk.arrow.BoolColumnBuilder;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumnBuilder;
import io.rapidbyte.sdk.arrow.FloatColumnBuilder;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.IntervalColumnBuilder;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;

/**
 * Decoders for the fixed-width, text-like and temporal kinds. Each reads the binary COPY value and
 * appends it without intermediate objects (except inet/macaddr, which are rendered to text).
 *
 * <p>Infinity: {@code date} &plusmn;infinity is stored as {@code Integer.MAX_VALUE} /
 * {@code Integer.MIN_VALUE} days, {@code timestamp[tz]} &plusmn;infinity as {@code Long.MAX_VALUE} /
 * {@code Long.MIN_VALUE} microseconds (Postgres' own sentinels; {@code TemporalCodec} maps them back),
 * and PostgreSQL 17's infinite {@code interval} as all three fields at their max / min. Each is
 * noted once per column. A finite timestamp after about year 294247, which Postgres accepts but
 * int64 microseconds since 1970 cannot hold, fails with a data error.
 */
final class ScalarDecoders {
    private ScalarDecoders() {
    }

    /*
     * The big-endian reads go through BigEndian directly rather than ScalarCodec: in the guest
     * BigEndian is a range check and one load that TeaVM inlines here, while every non-inlined call
     * that touches an array costs a shadow-stack frame, and these run once per value.
     */

    /** The notes of infinite values, one text per kind for the binary and the text decoders. */
    static final String DATE_INFINITY = "date +/-infinity is stored as INT32 max/min days";
    static final String TIMESTAMP_INFINITY = "timestamp +/-infinity is stored as INT64 max/min microseconds";
    static final String INTERVAL_INFINITY = "interval +/-infinity is stored as all fields at their max/min";

    static BinaryFormatException wrongLength(String type, int len, int expected) {
        return new BinaryFormatException(type + " value must be " + expected + " bytes, got " + len);
    }

    static final class Int16 extends ValueDecoder {
        private final IntColumnBuilder out;

        Int16(ColumnBuilder b) {
            super(b);
            out = (IntColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 2) {
                throw wrongLength("int2", len, 2);
            }
            out.append(BigEndian.int16(b, off));
        }
    }

    static final class Int32 extends ValueDecoder {
        private final IntColumnBuilder out;

        Int32(ColumnBuilder b) {
            super(b);
            out = (IntColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 4) {
                throw wrongLength("int4", len, 4);
            }
            out.append(BigEndian.int32(b, off));
        }
    }

    static final class Int64 extends ValueDecoder {
        private final IntColumnBuilder out;

        Int64(ColumnBuilder b) {
            super(b);
            out = (IntColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 8) {
                throw wrongLength("int8", len, 8);
            }
            out.append(BigEndian.int64(b, off));
        }
    }

    static final class Oid extends ValueDecoder {
        private final IntColumnBuilder out;

        Oid(ColumnBuilder b) {
            super(b);
            out = (IntColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 4) {
                throw wrongLength("oid", len, 4);
            }
            out.append(BigEndian.int32(b, off) & 0xffffffffL);
        }
    }

    static final class Float32 extends ValueDecoder {
        private final FloatColumnBuilder out;

        Float32(ColumnBuilder b) {
            super(b);
            out = (FloatColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 4) {
                throw wrongLength("float4", len, 4);
            }
            out.append(Float.intBitsToFloat(BigEndian.int32(b, off)));
        }
    }

    static final class Float64 extends ValueDecoder {
        private final FloatColumnBuilder out;

        Float64(ColumnBuilder b) {
            super(b);
            out = (FloatColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 8) {
                throw wrongLength("float8", len, 8);
            }
            out.append(Double.longBitsToDouble(BigEndian.int64(b, off)));
        }
    }

    static final class Bool extends ValueDecoder {
        private final BoolColumnBuilder out;

        Bool(ColumnBuilder b) {
            super(b);
            out = (BoolColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 1) {
                throw wrongLength("bool", len, 1);
            }
            out.append(b[off] != 0);
        }
    }

    /** Text as sent (the server already converted it to UTF-8) and bytea: the bytes themselves. */
    static final class Bytes extends ValueDecoder {
        private final VarBinaryColumnBuilder out;

        Bytes(ColumnBuilder b) {
            super(b);
            out = (VarBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            out.append(b, off, len);
        }
    }

    static final class Jsonb extends ValueDecoder {
        private final VarBinaryColumnBuilder out;

        Jsonb(ColumnBuilder b) {
            super(b);
            out = (VarBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            int start = ScalarCodec.jsonbTextOffset(b, off, len);
            out.append(b, start, off + len - start);
        }
    }

    static final class Inet extends ValueDecoder {
        private final VarBinaryColumnBuilder out;

        Inet(ColumnBuilder b) {
            super(b);
            out = (VarBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            out.append(NetworkCodec.inetText(b, off, len));
        }
    }

    static final class MacAddr extends ValueDecoder {
        private final VarBinaryColumnBuilder out;

        MacAddr(ColumnBuilder b) {
            super(b);
            out = (VarBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            out.append(NetworkCodec.macText(b, off, len));
        }
    }

    static final class Uuid extends ValueDecoder {
        private final FixedSizeBinaryColumnBuilder out;

        Uuid(ColumnBuilder b) {
            super(b);
            out = (FixedSizeBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 16) {
                throw new BinaryFormatException("uuid value must be 16 bytes, got " + len);
            }
            out.append(b, off);
        }
    }

    static final class Date extends ValueDecoder {
        private final IntColumnBuilder out;
        private final DecodeNotes notes;
        private final String column;

        Date(ColumnBuilder b, DecodeNotes notes, String column) {
            super(b);
            out = (IntColumnBuilder) b;
            this.notes = notes;
            this.column = column;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 4) {
                throw wrongLength("date", len, 4);
            }
            int days = BigEndian.int32(b, off);
            if (TemporalCodec.isDateInfinite(days)) {
                notes.note(column, DATE_INFINITY);
            }
            out.append(TemporalCodec.isDateInfinite(days) ? days : TemporalCodec.dateToUnixDays(days));
        }
    }

    static final class Time extends ValueDecoder {
        private final IntColumnBuilder out;

        Time(ColumnBuilder b) {
            super(b);
            out = (IntColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 8) {
                throw wrongLength("time", len, 8);
            }
            out.append(BigEndian.int64(b, off));
        }
    }

    /** timestamp and timestamptz: the same encoding; timestamptz values are UTC instants. */
    static final class Timestamp extends ValueDecoder {
        private final IntColumnBuilder out;
        private final DecodeNotes notes;
        private final String column;

        Timestamp(ColumnBuilder b, DecodeNotes notes, String column) {
            super(b);
            out = (IntColumnBuilder) b;
            this.notes = notes;
            this.column = column;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len != 8) {
                throw wrongLength("timestamp", len, 8);
            }
            long micros = BigEndian.int64(b, off);
            if (TemporalCodec.isTimestampInfinite(micros)) {
                notes.note(column, TIMESTAMP_INFINITY);
            }
            long unix = micros + TemporalCodec.UNIX_TO_PG_EPOCH_MICROS;
            // The overflow check of TemporalCodec.timestampToUnixMicros, inline (once per value).
            if (TemporalCodec.isTimestampInfinite(micros)) {
                unix = micros;
            } else if (micros > 0 && unix < 0 || TemporalCodec.isTimestampInfinite(unix)) {
                unix = TemporalCodec.timestampToUnixMicros(micros); // throws for values past year 294247
            }
            out.append(unix);
        }
    }

    /**
     * interval to month-day-nano. The time part is microseconds in Postgres and nanoseconds in
     * Arrow; a time part beyond about 292 years (×1000 would overflow int64) is refused naming the
     * column's way out ({@code text_columns}), not re-split into days.
     */
    static final class Interval extends ValueDecoder {
        private static final long MAX_MICROS = Long.MAX_VALUE / 1000;
        private final IntervalColumnBuilder out;
        private final DecodeNotes notes;
        private final String column;

        Interval(ColumnBuilder b, DecodeNotes notes, String column) {
            super(b);
            out = (IntervalColumnBuilder) b;
            this.notes = notes;
            this.column = column;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            append(TemporalCodec.intervalMonths(b, off, len), TemporalCodec.intervalDays(b, off, len),
                    TemporalCodec.intervalMicros(b, off, len));
        }

        /** Appends PostgreSQL's interval {@code months, days, micros} (the text decoder's too). */
        void append(int months, int days, long micros) {
            // One append call for every case: TeaVM inlines it, and three copies made this method too
            // large for HotSpot to JIT (wasm-build's GuestMethodSizes).
            long nanos;
            if (months == Integer.MAX_VALUE && days == Integer.MAX_VALUE && micros == Long.MAX_VALUE) {
                notes.note(column, INTERVAL_INFINITY);
                nanos = Long.MAX_VALUE;
            } else if (months == Integer.MIN_VALUE && days == Integer.MIN_VALUE && micros == Long.MIN_VALUE) {
                notes.note(column, INTERVAL_INFINITY);
                nanos = Long.MIN_VALUE;
            } else {
                if (micros > MAX_MICROS || micros < -MAX_MICROS) {
                    throw timeTooLarge(micros);
                }
                nanos = micros * 1000;
            }
            out.append(months, days, nanos);
        }

        // Moving whole days into the days field would compare equal but print, extract and justify
        // differently: not the same value. Out of line so decode stays under the JIT size limit.
        private static IllegalArgumentException timeTooLarge(long micros) {
            return new IllegalArgumentException("interval time part of " + micros + " us is beyond the "
                    + "+/-292 years month-day-nano nanoseconds can hold; " + TEXT_COLUMNS_HINT);
        }
    }
}
