package io.rapidbyte.sdk.arrow;

import static io.rapidbyte.sdk.arrow.IpcConstants.*;

import java.util.List;

/**
 * Turns a RecordBatch message and its body into {@link Column} views, validating everything
 * an accessor will later rely on: node and buffer counts, lengths and null counts, buffer
 * ranges within the body, buffer sizes for the declared lengths, validity bitmaps against
 * null counts, and every offset of variable-size and list columns. After this succeeds, no
 * accessor can read outside its buffers. Not thread-safe (holds cursors while decoding).
 */
final class BatchDecoder {
    private final Schema schema;
    private final int expectedNodes;
    private final int expectedBuffers;

    // Per-decode state.
    private byte[] data;
    private FlatBufferReader fb;
    private int nodesVec;
    private int buffersVec;
    private int nodeIndex;
    private int bufferIndex;
    private int bodyStart;
    private long bodyLength;
    private int lastBufferLength;

    BatchDecoder(Schema schema) {
        this.schema = schema;
        int[] counts = new int[2];
        count(schema.fields(), counts);
        this.expectedNodes = counts[0];
        this.expectedBuffers = counts[1];
    }

    private static void count(List<Field> fields, int[] counts) {
        for (Field f : fields) {
            counts[0]++;
            counts[1] += bufferCount(f.type().kind());
            count(f.children(), counts);
        }
    }

    RecordBatch decode(byte[] data, FlatBufferReader fb, int rb, int bodyStart, long bodyLength) {
        this.data = data;
        this.fb = fb;
        this.bodyStart = bodyStart;
        this.bodyLength = bodyLength;
        long rows = fb.getLong(rb, RB_LENGTH, 0, "RecordBatch.length");
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw new ArrowFormatException("record batch length " + rows + " out of range");
        }
        int compression = fb.getRef(rb, RB_COMPRESSION, "RecordBatch.compression");
        if (compression >= 0) {
            int codec = fb.getByte(compression, 0, 0, "BodyCompression.codec");
            throw new ArrowFormatException("compressed record batches are not supported (codec "
                    + (codec == 0 ? "LZ4_FRAME" : codec == 1 ? "ZSTD" : "" + codec) + ")");
        }
        int variadic = fb.getRef(rb, RB_VARIADIC_COUNTS, "RecordBatch.variadicBufferCounts");
        if (variadic >= 0 && fb.vectorLength(variadic, 8, "RecordBatch.variadicBufferCounts") != 0) {
            throw new ArrowFormatException("variadic buffers (view types) are not supported");
        }
        nodesVec = fb.getRef(rb, RB_NODES, "RecordBatch.nodes");
        buffersVec = fb.getRef(rb, RB_BUFFERS, "RecordBatch.buffers");
        int nodeCount = nodesVec < 0 ? 0 : fb.vectorLength(nodesVec, 16, "RecordBatch.nodes");
        int bufferCount = buffersVec < 0 ? 0 : fb.vectorLength(buffersVec, 16, "RecordBatch.buffers");
        if (nodeCount != expectedNodes || bufferCount != expectedBuffers) {
            throw new ArrowFormatException("record batch has " + nodeCount + " field nodes and " + bufferCount
                    + " buffers; the schema needs " + expectedNodes + " and " + expectedBuffers);
        }
        nodeIndex = 0;
        bufferIndex = 0;
        Column[] columns = new Column[schema.fieldCount()];
        for (int i = 0; i < columns.length; i++) {
            Field f = schema.field(i);
            columns[i] = column(f, f.name());
            if (columns[i].length() != rows) {
                throw new ArrowFormatException("field '" + f.name() + "' has " + columns[i].length()
                        + " rows but the record batch has " + rows);
            }
        }
        this.data = null;
        this.fb = null;
        return new RecordBatch(schema, (int) rows, columns);
    }

    private Column column(Field f, String path) {
        int node = nodeIndex++;
        long len = fb.structLong(nodesVec, node, 16, 0);
        long nulls = fb.structLong(nodesVec, node, 16, 8);
        if (len < 0 || len > Integer.MAX_VALUE) {
            throw bad(f, path, "length " + len + " out of range");
        }
        if (nulls < 0 || nulls > len) {
            throw bad(f, path, "null count " + nulls + " out of range for length " + len);
        }
        if (nulls > 0 && !f.isNullable()) {
            throw bad(f, path, nulls + " nulls in a non-nullable field");
        }
        int n = (int) len;
        int nullCount = (int) nulls;
        int validityPos = buffer(f, path, "validity");
        if (nullCount > 0) {
            requireSize(f, path, "validity", (n + 7L) >>> 3);
            checkNullCount(f, path, validityPos, n, nullCount);
        } else {
            validityPos = -1; // all valid; the bitmap (if any) need not be read
        }
        ArrowType type = f.type();
        switch (type.kind()) {
            case BOOL: {
                int values = buffer(f, path, "values");
                requireSize(f, path, "values", (n + 7L) >>> 3);
                return new BoolColumn(f, n, nullCount, data, validityPos, values);
            }
            case UTF8:
            case BINARY: {
                int offsets = buffer(f, path, "offsets");
                int offsetsLength = lastBufferLength;
                int values = buffer(f, path, "data");
                checkOffsets(f, path, offsets, offsetsLength, n, lastBufferLength, "data buffer length");
                return new VarBinaryColumn(f, n, nullCount, data, validityPos, offsets, values);
            }
            case LIST: {
                int offsets = buffer(f, path, "offsets");
                int offsetsLength = lastBufferLength;
                Field element = f.elementField();
                Column child = column(element, path + "." + element.name());
                checkOffsets(f, path, offsets, offsetsLength, n, child.length(), "child length");
                return new ListColumn(f, n, nullCount, data, validityPos, offsets, child);
            }
            default: {
                int values = buffer(f, path, "values");
                requireSize(f, path, "values", (long) n * type.byteWidth());
                return fixedWidth(f, n, nullCount, validityPos, values);
            }
        }
    }

    private Column fixedWidth(Field f, int n, int nullCount, int validityPos, int values) {
        switch (f.type().kind()) {
            case FLOAT:
                return new FloatColumn(f, n, nullCount, data, validityPos, values);
            case DECIMAL128:
                return new DecimalColumn(f, n, nullCount, data, validityPos, values);
            case FIXED_SIZE_BINARY:
                return new FixedSizeBinaryColumn(f, n, nullCount, data, validityPos, values);
            case INTERVAL_MONTH_DAY_NANO:
                return new IntervalColumn(f, n, nullCount, data, validityPos, values);
            default: // INT, DATE32, TIME64_MICROS, TIMESTAMP_MICROS
                return new IntColumn(f, n, nullCount, data, validityPos, values);
        }
    }

    /** Reads the next buffer descriptor, checks it lies in the body, returns its absolute position. */
    private int buffer(Field f, String path, String name) {
        int i = bufferIndex++;
        long offset = fb.structLong(buffersVec, i, 16, 0);
        long length = fb.structLong(buffersVec, i, 16, 8);
        if (offset < 0 || length < 0 || offset > bodyLength || length > bodyLength - offset) {
            throw bad(f, path, name + " buffer [offset " + offset + ", length " + length
                    + "] outside the message body of " + bodyLength + " bytes");
        }
        lastBufferLength = (int) length;
        return bodyStart + (int) offset;
    }

    private void requireSize(Field f, String path, String name, long needed) {
        if (lastBufferLength < needed) {
            throw bad(f, path, name + " buffer too short: need " + needed + " bytes, have " + lastBufferLength);
        }
    }

    private void checkNullCount(Field f, String path, int pos, int n, int nullCount) {
        int valid = 0;
        int full = n >>> 3;
        for (int k = 0; k < full; k++) {
            valid += Integer.bitCount(data[pos + k] & 0xFF);
        }
        if ((n & 7) != 0) {
            valid += Integer.bitCount(data[pos + full] & ((1 << (n & 7)) - 1));
        }
        if (n - valid != nullCount) {
            throw bad(f, path, "validity bitmap has " + (n - valid) + " nulls, node says " + nullCount);
        }
    }

    /**
     * Checks n + 1 offsets: first non-negative, non-decreasing, last within {@code limit}. An
     * empty offsets buffer is accepted for n == 0 (writers may omit it).
     */
    private void checkOffsets(Field f, String path, int pos, int bufferLength, int n, long limit, String limitName) {
        if (n == 0 && bufferLength < 4) {
            return;
        }
        // The per-offset loop stays in a small function; the messages are built only on failure, out of
        // line, so no string building is inlined around the loop (HotSpot would not JIT it once
        // compiled: wasm-build's GuestMethodSizes).
        if (bufferLength < (n + 1L) * 4 || !ascending(pos, n) || LittleEndian.getInt(data, pos + 4 * n) > limit) {
            throw offsetsProblem(f, path, pos, bufferLength, n, limit, limitName);
        }
    }

    /** Whether the n + 1 offsets at {@code pos} start at 0 or more and never decrease. */
    private boolean ascending(int pos, int n) {
        int prev = LittleEndian.getInt(data, pos);
        if (prev < 0) {
            return false;
        }
        for (int i = 1; i <= n; i++) {
            int next = LittleEndian.getInt(data, pos + 4 * i);
            if (next < prev) {
                return false;
            }
            prev = next;
        }
        return true;
    }

    /** What {@link #checkOffsets} found wrong, found again. */
    private ArrowFormatException offsetsProblem(Field f, String path, int pos, int bufferLength, int n, long limit,
                                                String limitName) {
        long needed = (n + 1L) * 4;
        if (bufferLength < needed) {
            return bad(f, path, "offsets buffer too short: need " + needed + " bytes, have " + bufferLength);
        }
        int prev = LittleEndian.getInt(data, pos);
        if (prev < 0) {
            return bad(f, path, "negative first offset " + prev);
        }
        for (int i = 1; i <= n; i++) {
            int next = LittleEndian.getInt(data, pos + 4 * i);
            if (next < prev) {
                return bad(f, path, "offset " + i + " (" + next + ") is less than offset " + (i - 1) + " (" + prev + ")");
            }
            prev = next;
        }
        return bad(f, path, "last offset " + prev + " exceeds " + limitName + " " + limit);
    }

    private static ArrowFormatException bad(Field f, String path, String detail) {
        return new ArrowFormatException("field '" + path + "' (" + f.type() + "): " + detail);
    }
}
