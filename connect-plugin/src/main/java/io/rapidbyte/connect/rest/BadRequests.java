package io.rapidbyte.connect.rest;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.rest.errors.BadRequestException;

/**
 * Exceptions for requests the connector refuses because of what the caller sent (e.g. a
 * malformed {@code PATCH /connectors/{name}/offsets}). Connect's REST layer answers a plain
 * {@link ConnectException} with HTTP 500 and only its {@code ConnectRestException}s with their
 * own status, so a caller's mistake is thrown as Connect's {@link BadRequestException} (HTTP 400).
 * That class belongs to the worker's runtime, which a plugin sees through its parent class
 * loader; on a worker without it the same message travels as a plain {@link ConnectException}.
 * Stateless.
 */
public final class BadRequests {
    private BadRequests() {
    }

    /** An exception Connect answers with HTTP 400 and {@code message}. */
    public static ConnectException of(String message) {
        try {
            return new BadRequestException(message);
        } catch (LinkageError runtimeNotVisible) {
            return new ConnectException(message);
        }
    }
}
