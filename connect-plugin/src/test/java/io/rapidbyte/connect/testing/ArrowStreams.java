package io.rapidbyte.connect.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow IPC streams written with Arrow Java, the reference implementation, for tests. */
public final class ArrowStreams {
    private ArrowStreams() {
    }

    /** Schema metadata of one batch of {@code stream} as BATCH-METADATA.md describes it. */
    public static Map<String, String> batchMetadata(String stream, String syncRun, long seq) {
        return Map.of("rapidbyte.stream", stream, "rapidbyte.sync_run", syncRun, "rapidbyte.seq", Long.toString(seq));
    }

    /** Columns {@code id bigint not null, name varchar}, one record batch of {@code rows} rows. */
    public static byte[] stream(Map<String, String> metadata, int rows) {
        return stream(defaultSchema(metadata), rows, 1);
    }

    public static Schema defaultSchema(Map<String, String> metadata) {
        Field id = new Field("id", new FieldType(false, new ArrowType.Int(64, true), null,
                Map.of("rapidbyte.pg_type", "bigint")), null);
        Field name = new Field("name", FieldType.nullable(new ArrowType.Utf8()), null);
        return new Schema(List.of(id, name), metadata);
    }

    /** {@code batches} record batches of {@code rows} rows each with {@code schema} (id + name columns). */
    public static byte[] stream(Schema schema, int rows, int batches) {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
                writer.start();
                for (int b = 0; b < batches; b++) {
                    BigIntVector id = (BigIntVector) root.getVector("id");
                    VarCharVector name = (VarCharVector) root.getVector("name");
                    id.allocateNew(rows);
                    name.allocateNew(rows);
                    for (int i = 0; i < rows; i++) {
                        id.set(i, (long) b * rows + i);
                        if (i % 3 == 0) {
                            name.setNull(i);
                        } else {
                            name.setSafe(i, ("row-" + i).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    root.setRowCount(rows);
                    writer.writeBatch();
                }
                writer.end();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
