package io.rapidbyte.examples.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidbyte.sdk.ConnectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnchangedIndexesTest {
    private static final int[] DROP_1_AND_3 = {0, -1, 1, -1, 2};

    @Test
    void renumbersAndForgetsDroppedColumns() {
        assertEquals(",0,1,2,", UnchangedIndexes.rewrite(",0,2,4,", DROP_1_AND_3));
        assertEquals(",2,", UnchangedIndexes.rewrite(",3,4,", DROP_1_AND_3));
        assertNull(UnchangedIndexes.rewrite(",1,3,", DROP_1_AND_3));
        assertEquals(",10,", UnchangedIndexes.rewrite(",11,", new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 10}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", ",,", "1,", ",1", ",a,", ",5,", ",-1,", ",1,,2,"})
    void refusesWhatIsNotAnIndexList(String value) {
        ConnectorException e = assertThrows(ConnectorException.class, () -> UnchangedIndexes.rewrite(value, DROP_1_AND_3));
        assertEquals("INVALID_BATCH", e.error().code());
    }
}
