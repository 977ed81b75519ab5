package io.rapidbyte.postgres.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStateClassifierTest {

    private static void check(String state, String category, boolean retryable) {
        PgErrorCategory c = SqlStateClassifier.classify(state);
        assertEquals(category, c.witName(), state);
        assertEquals(retryable, c.retryable(), state);
    }

    @Test
    void mapsSqlStatesToWitCategories() {
        check("28P01", "auth", false);
        check("28000", "auth", false);
        check("42501", "permission", false);
        check("3D000", "config", false);
        check("42P01", "config", false);
        check("42703", "config", false);
        check("42601", "config", false);
        check("08006", "transient-network", true);
        check("08001", "transient-network", true);
        check("57P01", "transient-network", true);
        check("40001", "transient-db", true);
        check("40P01", "transient-db", true);
        check("55P03", "transient-db", true);
        check("57014", "transient-db", true);
        check("53300", "transient-db", true);
        check("53100", "transient-db", true);
        check("22P02", "data", false);
        check("22003", "data", false);
        check("23505", "data", false);
        check("23502", "data", false);
        check("42804", "schema", false);
        check("42P16", "schema", false);
        check("XX000", "internal", false);
        check(null, "internal", false);
        check("bad", "internal", false);
    }

    @Test
    void clientSideErrors() {
        PgException net = PgException.connectionFailure("reset", null);
        assertTrue(net.retryable());
        assertTrue(net.connectionBroken());
        assertFalse(net.isServerError());
        PgException proto = PgException.protocolViolation("x");
        assertEquals("internal", proto.categoryName());
        assertFalse(proto.retryable());
        assertEquals("auth", PgException.authFailure("x").categoryName());
    }
}
