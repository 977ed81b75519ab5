package io.rapidbyte.sdk.arrow;

/**
 * The field nodes and buffer descriptors of one record batch, collected from the column
 * builders in depth-first field order before the body is written. Body offsets are assigned
 * with each buffer padded to 8 bytes, matching what {@link ByteArrayOutput#writeBuffer} emits.
 * Reused across batches; not thread-safe.
 */
final class BatchLayout {
    /** Pairs (length, nullCount). */
    long[] nodes = new long[16];
    int nodeCount;
    /** Pairs (offset, length) relative to the body start. */
    long[] buffers = new long[32];
    int bufferCount;
    long bodyLength;

    void clear() {
        nodeCount = 0;
        bufferCount = 0;
        bodyLength = 0;
    }

    void addNode(long length, long nullCount) {
        if (2 * nodeCount + 2 > nodes.length) {
            long[] n = new long[nodes.length * 2];
            System.arraycopy(nodes, 0, n, 0, 2 * nodeCount);
            nodes = n;
        }
        nodes[2 * nodeCount] = length;
        nodes[2 * nodeCount + 1] = nullCount;
        nodeCount++;
    }

    void addBuffer(long length) {
        if (2 * bufferCount + 2 > buffers.length) {
            long[] n = new long[buffers.length * 2];
            System.arraycopy(buffers, 0, n, 0, 2 * bufferCount);
            buffers = n;
        }
        buffers[2 * bufferCount] = bodyLength;
        buffers[2 * bufferCount + 1] = length;
        bufferCount++;
        bodyLength += ByteArrays.pad8(length);
    }
}
