package io.rapidbyte.testguests.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.sdk.ConnectorException;
import io.rapidbyte.sdk.json.JsonObject;
import org.junit.jupiter.api.Test;

class TestTransformConfigTest {
    @Test
    void defaultsToAPlainPassThrough() {
        TestTransformConfig c = TestTransformConfig.parse(new JsonObject());
        assertEquals(0, c.dropEvery + c.trapAfterBatches + c.failAfterBatches);
        assertEquals(false, c.failRetryable);
    }

    @Test
    void rejectsUnknownMembersAndNegativeCounts() {
        ConnectorException unknown = assertThrows(ConnectorException.class,
                () -> TestTransformConfig.parse(new JsonObject().with("drop_evry", 2L)));
        assertTrue(unknown.getMessage().contains("drop_evry"), unknown.getMessage());
        ConnectorException negative = assertThrows(ConnectorException.class,
                () -> TestTransformConfig.parse(new JsonObject().with("drop_every", -1L)));
        assertTrue(negative.getMessage().contains("drop_every"), negative.getMessage());
    }
}
