package io.rapidbyte.examples.pipeline;

import io.rapidbyte.host.frames.FramePayload;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What a destination should see after a projection and a row filter, computed on the JVM from the
 * source's captured frames decoded by arrow-vector.
 */
final class ExpectedRows {
    /** A test-side row filter over arrow-vector vectors. */
    interface RowFilter {
        boolean keep(VectorSchemaRoot root, int row);
    }

    static final RowFilter ALL = (root, row) -> true;

    private ExpectedRows() {
    }

    /** The checksum over the kept rows of {@code frames}, restricted to {@code columns} (null: all). */
    static IndependentChecksum checksum(List<FramePayload> frames, List<String> columns, RowFilter filter) {
        IndependentChecksum sum = new IndependentChecksum();
        try (ArrowVectorFrames arrow = new ArrowVectorFrames()) {
            for (FramePayload frame : frames) {
                arrow.forEachBatch(frame, (schema, root) -> {
                    List<FieldVector> projected = new ArrayList<>();
                    if (columns == null) {
                        projected.addAll(root.getFieldVectors());
                    } else {
                        columns.forEach(c -> projected.add(root.getVector(c)));
                    }
                    for (int row = 0; row < root.getRowCount(); row++) {
                        if (filter.keep(root, row)) {
                            sum.addRow(projected, row);
                        }
                    }
                });
            }
        }
        return sum;
    }
}
