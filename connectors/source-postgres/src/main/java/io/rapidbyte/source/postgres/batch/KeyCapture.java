package io.rapidbyte.source.postgres.batch;

import io.rapidbyte.sdk.arrow.ByteArrays;
import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.source.postgres.decode.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a copy of the key fields (text, right after the output fields of a COPY row) of the last row
 * put into a batch, so the batch's resume position is known when it is flushed after the row buffer
 * has moved on. A few bytes per row; no allocation once the buffers fit. Not thread-safe.
 */
final class KeyCapture {
    private final int first;
    private final byte[][] values;
    private final int[] lengths;
    private boolean captured;
    private List<String> initial;

    /** @param initial the position before any row (a saved position, or null) */
    KeyCapture(int firstKeyField, int keyFields, List<String> initial) {
        this.first = firstKeyField;
        this.values = new byte[keyFields][];
        this.lengths = new int[keyFields];
        for (int i = 0; i < keyFields; i++) {
            values[i] = new byte[32];
        }
        this.initial = initial;
    }

    void capture(Tuple t) {
        byte[] b = t.buffer;
        int at = t.base + first;
        for (int i = 0; i < values.length; i++) {
            int len = t.lengths[at + i];
            if (len < 0) {
                throw new IllegalStateException("key field " + i + " is NULL");
            }
            if (values[i].length < len) {
                values[i] = new byte[Math.max(len, 2 * values[i].length)];
            }
            ByteArrays.copyValue(b, t.offsets[at + i], values[i], 0, len);
            lengths[i] = len;
        }
        captured = true;
    }

    /** The last captured key as text, the initial position before any capture, null without a key. */
    List<String> position() {
        if (values.length == 0) {
            return null;
        }
        if (!captured) {
            return initial;
        }
        List<String> out = new ArrayList<String>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(Utf8.decode(values[i], 0, lengths[i]));
        }
        return out;
    }
}
