package io.rapidbyte.examples.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchSequenceTest {
    private static final Schema FIELDS = Schema.of(Field.notNull("id", ArrowType.INT64));

    private static Schema batch(String stream, String run, long seq) {
        return VerifyBatches.withMetadata(FIELDS, stream, run, seq);
    }

    @Test
    void acceptsIncreasingSeqOfOneStreamAndRun() {
        BatchSequence s = new BatchSequence("a.b");
        s.accept(batch("a.b", "r", 1));
        s.accept(batch("a.b", "r", 2));
        s.accept(batch("a.b", "r", 7));
        assertEquals(7, s.lastSeq());
    }

    @Test
    void rejectsEveryViolationAsADataOrSchemaError() {
        assertViolation(ErrorCategory.DATA, batch("other", "r", 1));
        assertViolation(ErrorCategory.DATA, batch("a.b", "r", 1), batch("a.b", "r", 1));
        assertViolation(ErrorCategory.DATA, batch("a.b", "r", 2), batch("a.b", "r", 1));
        assertViolation(ErrorCategory.DATA, batch("a.b", "r", 1), batch("a.b", "s", 2));
        assertViolation(ErrorCategory.DATA, new Schema(FIELDS.fields(), Map.of("rapidbyte.stream", "a.b")));
        assertViolation(ErrorCategory.DATA, new Schema(FIELDS.fields(), Map.of("rapidbyte.stream", "a.b",
                "rapidbyte.sync_run", "r", "rapidbyte.seq", "1e3")));
        assertViolation(ErrorCategory.SCHEMA, batch("a.b", "r", 1), VerifyBatches.withMetadata(
                Schema.of(Field.nullable("id", ArrowType.INT64)), "a.b", "r", 2));
    }

    private static void assertViolation(ErrorCategory category, Schema... schemas) {
        BatchSequence s = new BatchSequence("a.b");
        for (int i = 0; i < schemas.length - 1; i++) {
            s.accept(schemas[i]);
        }
        ConnectorException e = assertThrows(ConnectorException.class, () -> s.accept(schemas[schemas.length - 1]));
        assertEquals(category, e.error().category(), e.getMessage());
    }
}
