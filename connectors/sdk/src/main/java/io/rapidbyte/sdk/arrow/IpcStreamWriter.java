package io.rapidbyte.sdk.arrow;

/**
 * Writes an Arrow IPC stream (schema message, record batches, end-of-stream marker) into a
 * growable byte array, ready to be handed to the host in one call:
 *
 * <pre>
 * IpcStreamWriter w = new IpcStreamWriter(schema);
 * w.writeBatch(batch);
 * w.finish();
 * // create a host frame of exactly w.length() bytes, then write
 * // w.array()[0 .. w.length()) into it with a single call
 * w.reset();                              // next stream, same buffers
 * </pre>
 *
 * <p>The encoded schema message is computed once per writer and reused by every stream.
 * Buffers in the body are 8-byte aligned, validity bitmaps are omitted for columns without
 * nulls, and the body is uncompressed.
 *
 * <p>Ownership: {@link #array()} exposes the internal buffer, valid up to {@link #length()};
 * it is overwritten by the next {@link #reset()} and may be replaced when the stream grows.
 * Not thread-safe.
 */
public final class IpcStreamWriter {
    /** Size of the end-of-stream marker: continuation word plus a zero length. */
    public static final int EOS_BYTES = 8;

    private final Schema schema;
    private final MessageEncoder encoder = new MessageEncoder();
    private final BatchLayout layout = new BatchLayout();
    private final ByteArrayOutput out;
    private final byte[] schemaMessage;
    private boolean schemaWritten;
    private boolean finished;

    public IpcStreamWriter(Schema schema) {
        this(schema, 64 * 1024);
    }

    /** @param initialCapacity starting size of the output buffer, in bytes */
    public IpcStreamWriter(Schema schema, int initialCapacity) {
        this.schema = schema;
        this.out = new ByteArrayOutput(initialCapacity);
        this.schemaMessage = encoder.schemaMessage(schema);
    }

    /** Encodes one batch as a complete stream (schema, batch, end-of-stream) into a new array. */
    public static byte[] encode(RecordBatchBuilder batch) {
        IpcStreamWriter w = new IpcStreamWriter(batch.schema(), (int) Math.min(ByteArrays.MAX_ARRAY,
                batch.estimatedBytes() + 4096));
        w.writeBatch(batch);
        w.finish();
        return w.toByteArray();
    }

    public Schema schema() {
        return schema;
    }

    /** Bytes of the framed schema message at the start of every stream. */
    public int schemaMessageLength() {
        return schemaMessage.length;
    }

    /**
     * Upper bound of the size of a complete stream holding just {@code batch}: schema message,
     * the batch (see {@link RecordBatchBuilder#estimatedBytes()}) and end-of-stream marker.
     */
    public long estimateStreamBytes(RecordBatchBuilder batch) {
        return schemaMessage.length + batch.estimatedBytes() + EOS_BYTES;
    }

    /** Writes the schema message now (it is otherwise written before the first batch). */
    public void writeSchema() {
        checkOpen();
        if (!schemaWritten) {
            out.write(schemaMessage, 0, schemaMessage.length);
            schemaWritten = true;
        }
    }

    /**
     * Appends {@code batch} as one record batch message. The builder is only read; reset it
     * afterwards to reuse it. Only the fields must match: schema-level metadata belongs to the
     * stream (a record batch message carries none), so one builder can serve writers whose
     * schemas differ only in per-batch metadata such as {@code rapidbyte.seq}.
     *
     * @throws IllegalArgumentException if the batch's fields differ from the writer's
     * @throws IllegalStateException if columns differ in length or a list is left open
     */
    public void writeBatch(RecordBatchBuilder batch) {
        if (batch.schema() != schema && !batch.schema().fields().equals(schema.fields())) {
            throw new IllegalArgumentException("batch fields differ from the stream schema");
        }
        batch.checkComplete();
        writeSchema();
        ColumnBuilder[] columns = batch.columns();
        layout.clear();
        for (ColumnBuilder c : columns) {
            c.layout(layout);
        }
        encoder.recordBatchMessage(batch.rowCount(), layout.nodes, layout.nodeCount, layout.buffers,
                layout.bufferCount, layout.bodyLength, out);
        out.ensure(layout.bodyLength);
        int bodyStart = out.position();
        for (ColumnBuilder c : columns) {
            c.writeBody(out);
        }
        if (out.position() - bodyStart != layout.bodyLength) {
            // A builder wrote something other than what it declared: a bug, not bad input.
            throw new IllegalStateException("body length mismatch: declared " + layout.bodyLength
                    + ", wrote " + (out.position() - bodyStart));
        }
    }

    /** Writes the schema (if no batch was written) and the end-of-stream marker. */
    public void finish() {
        writeSchema();
        out.writeInt(IpcConstants.CONTINUATION);
        out.writeInt(0);
        finished = true;
    }

    public boolean isFinished() {
        return finished;
    }

    /** Exact number of bytes written so far; after {@link #finish()}, the stream's size. */
    public int length() {
        return out.position();
    }

    /** The internal buffer; bytes {@code [0, length())} are the stream. Do not modify. */
    public byte[] array() {
        return out.array();
    }

    /** A copy of the stream bytes, exactly {@link #length()} long. */
    public byte[] toByteArray() {
        byte[] copy = new byte[out.position()];
        System.arraycopy(out.array(), 0, copy, 0, copy.length);
        return copy;
    }

    /** Starts a new stream with the same schema, reusing the buffer. */
    public void reset() {
        out.reset();
        schemaWritten = false;
        finished = false;
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("stream already finished; call reset() to start a new one");
        }
    }
}
