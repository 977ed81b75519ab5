package io.rapidbyte.connect.guest;

import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;

/**
 * Turns guest failures into the one-line messages Connect shows in task status: the
 * connector's own category, code and message, never a host stack trace of the guest.
 * Stateless.
 */
public final class GuestFailures {
    private GuestFailures() {
    }

    /**
     * e.g. {@code stream public.orders: connector error transient-db/08006: connection lost}; the
     * code is left out when the connector's message states it already (as Postgres messages do
     * with their SQLSTATE), so it appears once.
     */
    public static String describe(String stream, Throwable failure) {
        String where = stream == null ? "" : "stream " + stream + ": ";
        if (failure instanceof ConnectorException ce && ce.error() != null) {
            ConnectorError e = ce.error();
            String code = e.message().contains(e.code()) ? "" : "/" + e.code();
            return where + "connector error " + e.category().witName() + code + ": " + e.message();
        }
        return where + failure;
    }
}
