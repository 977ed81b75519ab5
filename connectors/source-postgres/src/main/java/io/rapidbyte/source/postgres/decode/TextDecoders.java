package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import io.rapidbyte.sdk.arrow.BoolColumnBuilder;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.DecimalColumnBuilder;
import io.rapidbyte.sdk.arrow.FixedSizeBinaryColumnBuilder;
import io.rapidbyte.sdk.arrow.FloatColumnBuilder;
import io.rapidbyte.sdk.arrow.IntColumnBuilder;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;

/**
 * Decoders for values in their type's output text (a text-mode pgoutput stream) into exactly
 * the Arrow values the binary decoders of {@link ScalarDecoders} and {@link DecimalDecoder}
 * produce from the binary form: the same infinity sentinels and notes, the same refusals (NaN in
 * a decimal, an interval beyond nanoseconds, a timestamp beyond int64 microseconds). Text,
 * json(b), inet and macaddr kinds are their text already ({@link ScalarDecoders.Bytes}). Parsing
 * is in {@link TextValues} and {@link FloatText}. Not thread-safe.
 */
final class TextDecoders {
    private TextDecoders() {
    }

    /** int2, int4, int8 and oid (unsigned 32-bit, widened) within {@code [min, max]}. */
    static final class Int extends ValueDecoder {
        private final IntColumnBuilder out;
        private final long min;
        private final long max;
        private final String type;

        Int(ColumnBuilder b, long min, long max, String type) {
            super(b);
            out = (IntColumnBuilder) b;
            this.min = min;
            this.max = max;
            this.type = type;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            out.append(TextValues.integer(b, off, len, min, max, type));
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
            out.append(FloatText.parseFloat(b, off, len));
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
            out.append(FloatText.parseDouble(b, off, len));
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
            out.append(TextValues.bool(b, off, len));
        }
    }

    /** numeric(p,s): the exact decimal text, rescaled by the builder without rounding; NaN refused. */
    static final class Decimal extends ValueDecoder {
        private final DecimalColumnBuilder out;
        private final AsciiChars chars = new AsciiChars();

        Decimal(ColumnBuilder b) {
            super(b);
            out = (DecimalColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (len > 0 && (b[off] == 'N' || b[off] == 'I' || b[off + len - 1] == 'y')) {
                throw notFinite(b, off, len);
            }
            if (!appendLong(b, off, len)) {
                out.append(chars.set(b, off, len));
            }
        }

        /*
         * The common case without the builder's general text parser (too large for HotSpot to JIT
         * once compiled, see wasm-build's GuestMethodSizes): at most 18 digits and no more fraction
         * digits than the column's scale (s >= 0). False (nothing appended) for anything else.
         */
        private boolean appendLong(byte[] b, int off, int len) {
            int scale = out.scale();
            if (scale < 0 || out.precision() > 18 || len == 0) {
                return false;
            }
            int p = off;
            int end = off + len;
            boolean negative = b[p] == '-';
            if (negative) {
                p++;
            }
            long v = 0;
            int fraction = -1;
            int digits = 0;
            for (; p < end; p++) {
                int c = b[p];
                if (c == '.' && fraction < 0) {
                    fraction = 0;
                    continue;
                }
                int d = c - '0';
                if (d < 0 || d > 9 || ++digits > 18) {
                    return false;
                }
                v = v * 10 + d;
                if (fraction >= 0) {
                    fraction++;
                }
            }
            int f = fraction < 0 ? 0 : fraction;
            if (digits == 0 || f > scale) {
                return false;
            }
            for (; f < scale; f++) {
                if (++digits > 18) {
                    return false;
                }
                v *= 10;
            }
            out.appendUnscaled(negative ? -v : v);
            return true;
        }

        // The binary decoder's message for the same value (DecimalDecoder.appendUnusual).
        private synchronized IllegalArgumentException notFinite(byte[] b, int off, int len) {
            return new IllegalArgumentException("numeric " + TextValues.ascii(b, off, len) + " has no decimal128("
                    + out.precision() + "," + out.scale() + ") form; " + TEXT_COLUMNS_HINT);
        }
    }

    static final class Bytea extends ValueDecoder {
        private final VarBinaryColumnBuilder out;
        private byte[] scratch = new byte[64];

        Bytea(ColumnBuilder b) {
            super(b);
            out = (VarBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, scratch.length * 2)];
            }
            out.append(scratch, 0, TextValues.bytea(b, off, len, scratch));
        }
    }

    static final class Uuid extends ValueDecoder {
        private final FixedSizeBinaryColumnBuilder out;
        private final byte[] scratch = new byte[16];

        Uuid(ColumnBuilder b) {
            super(b);
            out = (FixedSizeBinaryColumnBuilder) b;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            TextValues.uuid(b, off, len, scratch);
            out.append(scratch, 0);
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
            int days = TextValues.date(b, off, len);
            if (TemporalCodec.isDateInfinite(days)) {
                notes.note(column, ScalarDecoders.DATE_INFINITY);
            }
            out.append(days);
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
            out.append(TextValues.time(b, off, len));
        }
    }

    static final class Timestamp extends ValueDecoder {
        private final IntColumnBuilder out;
        private final DecodeNotes notes;
        private final String column;
        private final boolean withZone;

        Timestamp(ColumnBuilder b, DecodeNotes notes, String column, boolean withZone) {
            super(b);
            out = (IntColumnBuilder) b;
            this.notes = notes;
            this.column = column;
            this.withZone = withZone;
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            long micros = TextValues.timestamp(b, off, len, withZone);
            if (TemporalCodec.isTimestampInfinite(micros)) {
                notes.note(column, ScalarDecoders.TIMESTAMP_INFINITY);
            }
            out.append(micros);
        }
    }

    /** Parsed here, appended by the binary decoder's own rules (infinity, the nanoseconds limit). */
    static final class Interval extends ValueDecoder {
        private final ScalarDecoders.Interval binary;
        private final long[] fields = new long[3];

        Interval(ColumnBuilder b, DecodeNotes notes, String column) {
            super(b);
            binary = new ScalarDecoders.Interval(b, notes, column);
        }

        @Override
        public void decode(byte[] b, int off, int len) {
            TextValues.interval(b, off, len, fields);
            binary.append((int) fields[0], (int) fields[1], fields[2]);
        }
    }

    /** A reusable view of ASCII bytes as characters (numeric text for the decimal builder). */
    static final class AsciiChars implements CharSequence {
        private byte[] b;
        private int off;
        private int len;

        AsciiChars set(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
            return this;
        }

        @Override
        public int length() {
            return len;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= len) {
                throw new IndexOutOfBoundsException("index " + index + " of " + len);
            }
            return (char) (b[off + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            char[] chars = new char[len];
            for (int i = 0; i < len; i++) {
                chars[i] = (char) (b[off + i] & 0xff);
            }
            return new String(chars);
        }
    }
}
