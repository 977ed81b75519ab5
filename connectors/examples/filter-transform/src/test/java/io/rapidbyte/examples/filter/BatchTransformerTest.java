package io.rapidbyte.examples.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTransformerTest {
    private static final byte[] INPUT = FilterBatches.encode(FilterBatches.ALL_TYPES, FilterBatches.allTypes(40));
    private static final RecordBatch BATCH = FilterBatches.decode(INPUT);

    private static BatchTransformer transformer(String config) {
        return new BatchTransformer(FilterConfig.parse(Json.parseObject(config)), BATCH.schema());
    }

    @Test
    void identityTransformReproducesTheStreamByteForByte() {
        BatchTransformer t = transformer("{}");
        byte[] out = FilterBatches.encode(t.outputSchema(BATCH.schema()), t.apply(BATCH));
        assertArrayEquals(INPUT, out, "every type copied bit-exactly, metadata kept");
    }

    @Test
    void projectsInTheConfiguredOrderAndKeepsMetadata() {
        BatchTransformer t = transformer("{\"columns\": [\"s\", \"id\", \"l\"],"
                + " \"filter\": {\"column\": \"i64\", \"op\": \"gt\", \"value\": 0}}");
        Schema schema = t.outputSchema(BATCH.schema());
        assertEquals(List.of("s", "id", "l"), schema.fields().stream().map(f -> f.name()).toList());
        assertEquals(FilterBatches.METADATA, schema.metadata());
        assertEquals("text", schema.field(0).metadata().get("rapidbyte.pg_type"), "field metadata kept");
        RecordBatch out = FilterBatches.decode(FilterBatches.encode(schema, t.apply(BATCH)));
        int[] ids = FilterBatches.ids(out);
        assertTrue(ids.length > 0 && ids.length < 40);
        for (int r = 0; r < out.rowCount(); r++) {
            int i = ids[r];
            assertTrue(i > 3 && i % 5 != 4, "kept row " + i);
            assertEquals(BATCH.varBinaryColumn(5).getString(i), out.varBinaryColumn(0).getString(r));
            assertEquals(BATCH.listColumn(13).valueCount(i), out.listColumn(2).valueCount(r));
        }
        assertEquals(40 - 4 - 8, ids.length, "rows 0..3 are <= 0; rows 4, 9, .., 39 are null");
    }

    @Test
    void emptyResultIsAValidBatchAndTheBuilderIsReused() {
        BatchTransformer t = transformer("{\"filter\": {\"column\": \"id\", \"op\": \"lt\", \"value\": 0}}");
        RecordBatchBuilder first = t.apply(BATCH);
        assertEquals(0, first.rowCount());
        RecordBatch out = FilterBatches.decode(FilterBatches.encode(t.outputSchema(BATCH.schema()), first));
        assertEquals(0, out.rowCount());
        assertTrue(first == t.apply(BATCH));
    }

    @Test
    void rebindsOnlyForDifferentFields() {
        BatchTransformer t = transformer("{\"columns\": [\"id\"]}");
        assertTrue(t.accepts(new Schema(BATCH.schema().fields(), null)), "metadata alone is no drift");
        assertFalse(t.accepts(Schema.of(BATCH.schema().field(0))));
        ConnectorException e = assertThrows(ConnectorException.class,
                () -> new BatchTransformer(FilterConfig.parse(Json.parseObject("{\"columns\": [\"nope\"]}")),
                        BATCH.schema()));
        assertEquals("UNKNOWN_COLUMN", e.error().code());
    }
}
