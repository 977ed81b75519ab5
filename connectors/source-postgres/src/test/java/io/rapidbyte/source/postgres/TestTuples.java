package io.rapidbyte.source.postgres;

import io.rapidbyte.source.postgres.decode.Tuple;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds binary COPY rows for JVM tests: fields appended in order, NULL as length -1. */
public final class TestTuples {
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private int[] offsets = new int[16];
    private int[] lengths = new int[16];
    private int fields;

    public static TestTuples row() {
        return new TestTuples();
    }

    public TestTuples bytes(byte[] value) {
        grow();
        offsets[fields] = data.size();
        lengths[fields] = value == null ? -1 : value.length;
        if (value != null) {
            data.writeBytes(value);
        }
        fields++;
        return this;
    }

    public TestTuples nul() {
        return bytes(null);
    }

    public TestTuples text(String s) {
        return bytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public TestTuples int4(int v) {
        return bytes(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
    }

    public TestTuples int8(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return bytes(b);
    }

    public TestTuples bool(boolean v) {
        return bytes(new byte[] {(byte) (v ? 1 : 0)});
    }

    public Tuple tuple() {
        return new Tuple().set(data.toByteArray(), offsets.clone(), lengths.clone(), 0);
    }

    private void grow() {
        if (fields == offsets.length) {
            offsets = java.util.Arrays.copyOf(offsets, fields * 2);
            lengths = java.util.Arrays.copyOf(lengths, fields * 2);
        }
    }
}
