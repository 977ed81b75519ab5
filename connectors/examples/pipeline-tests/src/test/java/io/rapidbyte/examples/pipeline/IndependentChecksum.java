package io.rapidbyte.examples.pipeline;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * The verify destination's checksum, recomputed from arrow-vector vectors straight from the spec in
 * {@code connectors/examples/README.md}: it builds each row's canonical encoding as a byte array,
 * hashes it with FNV-1a 64 and the splitmix64 finalizer, and adds the hashes. Deliberately shares no
 * code with the guest (other decoder, other encoder, other hash loop). Not thread-safe.
 */
final class IndependentChecksum {
    private long rows;
    private long sum;

    /** Adds row {@code row} of {@code columns} (top-level vectors in output order). */
    void addRow(List<FieldVector> columns, int row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FieldVector v : columns) {
            encode(v, row, out);
        }
        sum += mix64(fnv1a64(out.toByteArray()));
        rows++;
    }

    long rows() {
        return rows;
    }

    long value() {
        return sum;
    }

    String hex() {
        return String.format("%016x", sum);
    }

    static void encode(FieldVector v, int i, ByteArrayOutputStream out) {
        if (v.isNull(i)) {
            out.write(0);
            return;
        }
        out.write(1);
        switch (v.getMinorType()) {
            case TINYINT -> le(out, ((TinyIntVector) v).get(i), 8);
            case SMALLINT -> le(out, ((SmallIntVector) v).get(i), 8);
            case INT -> le(out, ((IntVector) v).get(i), 8);
            case BIGINT -> le(out, ((BigIntVector) v).get(i), 8);
            case DATEDAY -> le(out, ((DateDayVector) v).get(i), 8);
            case TIMEMICRO -> le(out, ((TimeMicroVector) v).get(i), 8);
            case TIMESTAMPMICRO, TIMESTAMPMICROTZ -> le(out, ((TimeStampVector) v).get(i), 8);
            case FLOAT4 -> le(out, Float.floatToRawIntBits(((Float4Vector) v).get(i)), 4);
            case FLOAT8 -> le(out, Double.doubleToRawLongBits(((Float8Vector) v).get(i)), 8);
            case BIT -> out.write(((BitVector) v).get(i));
            case VARCHAR -> lengthAndBytes(out, ((VarCharVector) v).get(i));
            case VARBINARY -> lengthAndBytes(out, ((VarBinaryVector) v).get(i));
            case DECIMAL -> {
                byte[] raw = new byte[16];
                v.getDataBuffer().getBytes(16L * i, raw);
                out.writeBytes(raw);
            }
            case FIXEDSIZEBINARY -> out.writeBytes(((FixedSizeBinaryVector) v).get(i));
            case INTERVALMONTHDAYNANO -> {
                le(out, v.getDataBuffer().getInt(16L * i), 4);
                le(out, v.getDataBuffer().getInt(16L * i + 4), 4);
                le(out, v.getDataBuffer().getLong(16L * i + 8), 8);
            }
            case LIST -> {
                ListVector list = (ListVector) v;
                int start = list.getOffsetBuffer().getInt(4L * i);
                int end = list.getOffsetBuffer().getInt(4L * (i + 1));
                le(out, end - start, 4);
                for (int j = start; j < end; j++) {
                    encode(list.getDataVector(), j, out);
                }
            }
            default -> throw new AssertionError("no canonical encoding for " + v.getMinorType());
        }
    }

    private static void lengthAndBytes(ByteArrayOutputStream out, byte[] bytes) {
        le(out, bytes.length, 4);
        out.writeBytes(bytes);
    }

    private static void le(ByteArrayOutputStream out, long value, int bytes) {
        for (int k = 0; k < bytes; k++) {
            out.write((int) (value >>> (8 * k)));
        }
    }

    static long fnv1a64(byte[] data) {
        long h = 0xcbf29ce484222325L;
        for (byte b : data) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
