package io.rapidbyte.examples.generator;

import static io.rapidbyte.examples.generator.GeneratedSchema.AMOUNT;
import static io.rapidbyte.examples.generator.GeneratedSchema.DAY;
import static io.rapidbyte.examples.generator.GeneratedSchema.F32;
import static io.rapidbyte.examples.generator.GeneratedSchema.F64;
import static io.rapidbyte.examples.generator.GeneratedSchema.FLAG;
import static io.rapidbyte.examples.generator.GeneratedSchema.I16;
import static io.rapidbyte.examples.generator.GeneratedSchema.I32;
import static io.rapidbyte.examples.generator.GeneratedSchema.I64;
import static io.rapidbyte.examples.generator.GeneratedSchema.I8;
import static io.rapidbyte.examples.generator.GeneratedSchema.ID;
import static io.rapidbyte.examples.generator.GeneratedSchema.LABELS;
import static io.rapidbyte.examples.generator.GeneratedSchema.NAME;
import static io.rapidbyte.examples.generator.GeneratedSchema.PAYLOAD;
import static io.rapidbyte.examples.generator.GeneratedSchema.SCORES;
import static io.rapidbyte.examples.generator.GeneratedSchema.SPAN;
import static io.rapidbyte.examples.generator.GeneratedSchema.TOD;
import static io.rapidbyte.examples.generator.GeneratedSchema.TS;
import static io.rapidbyte.examples.generator.GeneratedSchema.TS_TZ;
import static io.rapidbyte.examples.generator.GeneratedSchema.UUID;

/**
 * The values of generated row {@code k}: pure functions of (stream seed, k, column), so every run,
 * every restart and every JVM test computes exactly the same row without replaying the ones before
 * it. That is what lets a resumed run continue mid-stream and lets tests check values one by one.
 *
 * <p>Values are chosen to be exactly representable (floats are small integers divided by a power of
 * two) so that no encoder or decoder can round them differently, and every 50 rows the integer and
 * float columns take their edge values (minimum, maximum, NaN, -0.0, infinities).
 *
 * <p>Immutable and thread-safe.
 */
public final class RowValues {
    /** Longest {@code name}: 12 pieces of at most 4 UTF-8 bytes. */
    public static final int MAX_NAME_PIECES = 12;
    public static final int MAX_NAME_BYTES = 4 * MAX_NAME_PIECES;
    public static final int MAX_PAYLOAD_BYTES = 40;
    public static final int MAX_SCORES = 4;
    public static final int MAX_LABELS = 3;
    /** Labels look like {@code L2.517}. */
    public static final int MAX_LABEL_BYTES = 6;
    /** The quiet NaN the generator writes; other NaN payloads never appear. */
    public static final int FLOAT_NAN_BITS = 0x7fc00000;
    public static final long DOUBLE_NAN_BITS = 0x7ff8000000000000L;

    private static final int EDGE_PERIOD = 50;
    private static final String[] NAME_PIECES = {
        "a", "b", "c", "x", "y", "z", " ", "-", "\u00e9", "\u00df", "\u4e2d", "\u6587", "\ud83d\ude00", "\u03a9"};
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** 1900-01-01 .. 2099-12-31 in days and microseconds since the epoch. */
    private static final int FIRST_DAY = -25_567;
    private static final int DAY_SPAN = 73_049;
    private static final long FIRST_MICROS = FIRST_DAY * MICROS_PER_DAY;
    private static final long MICROS_SPAN = DAY_SPAN * MICROS_PER_DAY;
    private static final long DECIMAL_NARROW_BOUND = 1_000_000_000_000_000_000L;

    private final long streamSeed;
    private final int nullEvery;

    /**
     * @param streamSeed see {@link #streamSeed(long, String)}
     * @param nullEvery  0 for no nulls; otherwise column c (except {@code id}) of row k is null when
     *                   {@code (k + c) % nullEvery == 0}, so each column has nulls in different rows
     */
    public RowValues(long streamSeed, int nullEvery) {
        if (nullEvery < 0) {
            throw new IllegalArgumentException("nullEvery must not be negative: " + nullEvery);
        }
        this.streamSeed = streamSeed;
        this.nullEvery = nullEvery;
    }

    /** Mixes the configured seed with the stream name, so that two streams differ. */
    public static long streamSeed(long seed, String stream) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < stream.length(); i++) {
            h = (h ^ stream.charAt(i)) * 0x100000001b3L;
        }
        return mix64(seed ^ h);
    }

    /** The splitmix64 finalizer: a bijection on 64 bits with good avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long hash(long k, int salt) {
        return mix64(streamSeed + k * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L);
    }

    /** 1 / 2 for the minimum / maximum edge rows, 3 / 4 for the infinity rows, else 0. */
    private static int edge(long k) {
        long m = Math.floorMod(k, EDGE_PERIOD);
        return m >= 1 && m <= 4 ? (int) m : 0;
    }

    public boolean isNull(int column, long k) {
        return column != ID && nullEvery > 0 && Math.floorMod(k + column, nullEvery) == 0;
    }

    public long id(long k) {
        return k;
    }

    public byte int8(long k) {
        int e = edge(k);
        return e == 1 ? Byte.MIN_VALUE : e == 2 ? Byte.MAX_VALUE : (byte) hash(k, I8);
    }

    public short int16(long k) {
        int e = edge(k);
        return e == 1 ? Short.MIN_VALUE : e == 2 ? Short.MAX_VALUE : (short) hash(k, I16);
    }

    public int int32(long k) {
        int e = edge(k);
        return e == 1 ? Integer.MIN_VALUE : e == 2 ? Integer.MAX_VALUE : (int) hash(k, I32);
    }

    public long int64(long k) {
        int e = edge(k);
        return e == 1 ? Long.MIN_VALUE : e == 2 ? Long.MAX_VALUE : hash(k, I64);
    }

    /** Multiples of 1/64 within +-2^17, or NaN, -0.0, +inf, -inf on edge rows. */
    public float float32(long k) {
        switch (edge(k)) {
            case 1: return Float.intBitsToFloat(FLOAT_NAN_BITS);
            case 2: return -0.0f;
            case 3: return Float.POSITIVE_INFINITY;
            case 4: return Float.NEGATIVE_INFINITY;
            default: return ((hash(k, F32) >>> 40) - (1L << 23)) / 64f;
        }
    }

    /** Multiples of 1/1024 within +-2^42, or NaN, -0.0, +inf, -inf on edge rows. */
    public double float64(long k) {
        switch (edge(k)) {
            case 1: return Double.longBitsToDouble(DOUBLE_NAN_BITS);
            case 2: return -0.0;
            case 3: return Double.POSITIVE_INFINITY;
            case 4: return Double.NEGATIVE_INFINITY;
            default: return ((hash(k, F64) >>> 11) - (1L << 52)) / 1024.0;
        }
    }

    public boolean flag(long k) {
        return (hash(k, FLAG) & 1) != 0;
    }

    /** 0 to {@value #MAX_NAME_PIECES} pieces of ASCII, Latin, CJK and an emoji (a surrogate pair). */
    public String name(long k) {
        long h = hash(k, NAME);
        int pieces = (int) Math.floorMod(h, MAX_NAME_PIECES + 1);
        StringBuilder sb = new StringBuilder(2 * pieces);
        for (int i = 0; i < pieces; i++) {
            h = mix64(h);
            sb.append(NAME_PIECES[(int) Math.floorMod(h, NAME_PIECES.length)]);
        }
        return sb.toString();
    }

    /** Writes row k's payload (0 to {@value #MAX_PAYLOAD_BYTES} bytes) into {@code out}; returns its length. */
    public int payload(long k, byte[] out) {
        long h = hash(k, PAYLOAD);
        int length = (int) Math.floorMod(h, MAX_PAYLOAD_BYTES + 1);
        if (out.length < length) {
            throw new IllegalArgumentException("payload buffer needs " + MAX_PAYLOAD_BYTES + " bytes");
        }
        for (int i = 0; i < length; i++) {
            if ((i & 7) == 0) {
                h = mix64(h);
            }
            out[i] = (byte) (h >>> (8 * (i & 7)));
        }
        return length;
    }

    /** Row k's payload as a new array. */
    public byte[] payload(long k) {
        byte[] scratch = new byte[MAX_PAYLOAD_BYTES];
        int n = payload(k, scratch);
        byte[] out = new byte[n];
        System.arraycopy(scratch, 0, out, 0, n);
        return out;
    }

    /** Days since 1970-01-01 within 1900..2099 (0 on edge rows). */
    public int day(long k) {
        return edge(k) != 0 ? 0 : FIRST_DAY + (int) Math.floorMod(hash(k, DAY), DAY_SPAN);
    }

    /** Microseconds since midnight (0 and the last microsecond of the day on edge rows). */
    public long timeOfDay(long k) {
        int e = edge(k);
        return e == 1 ? 0 : e == 2 ? MICROS_PER_DAY - 1 : Math.floorMod(hash(k, TOD), MICROS_PER_DAY);
    }

    /** Microseconds since the epoch within 1900..2099, wall clock. */
    public long timestamp(long k) {
        return FIRST_MICROS + Math.floorMod(hash(k, TS), MICROS_SPAN);
    }

    /** Microseconds since the epoch within 1900..2099, a UTC instant. */
    public long timestampTz(long k) {
        return FIRST_MICROS + Math.floorMod(hash(k, TS_TZ), MICROS_SPAN);
    }

    /** Every fifth row needs all 128 bits (|value| < 2^123); the others fit 18 digits. */
    private static boolean wideDecimal(long k) {
        return Math.floorMod(k, 5) == 0;
    }

    /** High word of the unscaled decimal128 value (scale {@link GeneratedSchema#AMOUNT_SCALE}). */
    public long amountHigh(long k) {
        return wideDecimal(k) ? hash(k, AMOUNT) >> 4 : amountLow(k) >> 63;
    }

    /** Low word of the unscaled decimal128 value. */
    public long amountLow(long k) {
        long h = hash(k, AMOUNT + 1000);
        return wideDecimal(k) ? h : h % DECIMAL_NARROW_BOUND;
    }

    /** A version-4, variant-1 UUID: most significant half. */
    public long uuidHigh(long k) {
        return (hash(k, UUID) & 0xFFFF_FFFF_FFFF_0FFFL) | 0x4000L;
    }

    /** Least significant half of {@link #uuidHigh}'s UUID. */
    public long uuidLow(long k) {
        return (hash(k, UUID + 1000) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    }

    public int spanMonths(long k) {
        return (int) Math.floorMod(hash(k, SPAN), 2401) - 1200;
    }

    public int spanDays(long k) {
        return (int) Math.floorMod(hash(k, SPAN) >>> 20, 61) - 30;
    }

    /** Within +-1 day of nanoseconds. */
    public long spanNanos(long k) {
        return Math.floorMod(hash(k, SPAN + 1000), 2 * 86_400_000_000_000L) - 86_400_000_000_000L;
    }

    /** Elements of {@code scores} (0 to {@value #MAX_SCORES}). */
    public int scoreCount(long k) {
        return (int) Math.floorMod(hash(k, SCORES), MAX_SCORES + 1);
    }

    /** Element j of {@code scores} is null when {@code (k + j) % nullEvery == 1}. */
    public boolean isScoreNull(long k, int j) {
        return nullEvery > 0 && Math.floorMod(k + j, nullEvery) == 1;
    }

    public int score(long k, int j) {
        return (int) hash(k, SCORES * 1000 + j + 1);
    }

    /** Elements of {@code labels} (0 to {@value #MAX_LABELS}); elements are never null. */
    public int labelCount(long k) {
        return (int) Math.floorMod(hash(k, LABELS), MAX_LABELS + 1);
    }

    public String label(long k, int j) {
        return "L" + j + "." + Math.floorMod(hash(k, LABELS * 1000 + j + 1), 1000);
    }
}
