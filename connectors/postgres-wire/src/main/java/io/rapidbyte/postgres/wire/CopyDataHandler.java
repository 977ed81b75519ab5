package io.rapidbyte.postgres.wire;

/**
 * Receives COPY TO STDOUT payload chunks. The slice is a view into the
 * connection's receive buffer, valid only during the call.
 */
public interface CopyDataHandler {

    void onData(byte[] buf, int off, int len) throws PgException;
}
