package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.frames.FramePayload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/** Decodes frames (one Arrow IPC stream each) with arrow-vector, the reference implementation. */
final class ArrowVectorFrames implements AutoCloseable {
    /** Sees each record batch while it is loaded; the root is reused for the next batch. */
    interface BatchVisitor {
        void visit(Schema schema, VectorSchemaRoot root);
    }

    private final BufferAllocator allocator = new RootAllocator();

    /** Visits every record batch of {@code frame}; returns the number of batches. */
    int forEachBatch(FramePayload frame, BatchVisitor visitor) {
        try (ArrowStreamReader reader = new ArrowStreamReader(
                new ByteArrayInputStream(frame.array(), frame.offset(), frame.length()), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            int batches = 0;
            while (reader.loadNextBatch()) {
                visitor.visit(root.getSchema(), root);
                batches++;
            }
            return batches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream's schema (with its custom metadata). */
    Schema schema(FramePayload frame) {
        try (ArrowStreamReader reader = new ArrowStreamReader(
                new ByteArrayInputStream(frame.array(), frame.offset(), frame.length()), allocator)) {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        allocator.close();
    }
}
