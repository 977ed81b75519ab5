package io.rapidbyte.dest.postgres;

import io.rapidbyte.host.imports.DlqRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/**
 * A dead-letter row as the guest sent it ({@code emit-dlq-row}), read back with Arrow Java: the
 * one-row stream's schema metadata and values (Arrow Java's {@code getObject}, null for null), and
 * the row error. The raw bytes are kept so a test can send the row back in.
 */
record DeadRow(byte[] ipc, Map<String, String> metadata, Map<String, Object> values, String column, String code,
               String message) {

    static DeadRow of(DlqRow row) {
        byte[] bytes = row.row().toByteArray();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes), FrameBuilder.ALLOCATOR)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            if (!reader.loadNextBatch() || root.getRowCount() != 1 || reader.loadNextBatch()) {
                throw new AssertionError("a dead-letter row must be a stream of one batch of one row");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (FieldVector v : root.getFieldVectors()) {
                Object o = v.getObject(0);
                values.put(v.getName(), o == null ? null : o instanceof byte[] ? o : o.toString());
            }
            return new DeadRow(bytes, root.getSchema().getCustomMetadata(), values, row.column(), row.code(),
                    row.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object value(String column) {
        return values.get(column);
    }
}
