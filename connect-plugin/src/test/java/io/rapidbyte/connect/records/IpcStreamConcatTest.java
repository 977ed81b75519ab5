package io.rapidbyte.connect.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.connect.testing.ArrowStreams;
import io.rapidbyte.host.frames.FramePayload;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.junit.jupiter.api.Test;

class IpcStreamConcatTest {
    @Test
    void joinsStreamsOfOneSchemaIntoOneThatArrowJavaReads() throws Exception {
        byte[] a = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 3);
        byte[] b = ArrowStreams.stream(ArrowStreams.defaultSchema(ArrowStreams.batchMetadata("s", "r", 1)), 2, 2);
        byte[] joined = IpcStreamConcat.concat(List.of(FramePayload.wrap(a), FramePayload.wrap(b)));
        FrameSummary summary = ArrowStreamInspector.inspect(FramePayload.wrap(joined));
        assertEquals(7, summary.rows());
        assertEquals(3, summary.recordBatches());
        List<Long> ids = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(joined), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertEquals("1", root.getSchema().getCustomMetadata().get("rapidbyte.seq"));
            while (reader.loadNextBatch()) {
                for (int i = 0; i < root.getRowCount(); i++) {
                    ids.add(((BigIntVector) root.getVector("id")).get(i));
                }
            }
        }
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L, 3L), ids);
    }

    @Test
    void refusesStreamsWhoseSchemaMessagesDiffer() {
        byte[] a = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 1), 3);
        byte[] b = ArrowStreams.stream(ArrowStreams.batchMetadata("s", "r", 2), 3);
        InvalidFrameException e = assertThrows(InvalidFrameException.class,
                () -> IpcStreamConcat.concat(List.of(FramePayload.wrap(a), FramePayload.wrap(b))));
        assertTrue(e.getMessage().contains("batch 2 of 2"), e.getMessage());
    }
}
