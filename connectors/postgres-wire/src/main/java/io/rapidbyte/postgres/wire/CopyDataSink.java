package io.rapidbyte.postgres.wire;

/**
 * Where encoded COPY bytes go. The sink does not keep a reference to the array
 * after {@link #write} returns. Single-threaded.
 */
public interface CopyDataSink {

    void write(byte[] buf, int off, int len) throws PgException;
}
