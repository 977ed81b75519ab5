package io.rapidbyte.postgres.wire;

/**
 * A pull stream of COPY payload chunks. Each successful {@link #next()} exposes
 * one chunk as a view ({@link #buffer()}, {@link #offset()}, {@link #length()})
 * that stays valid only until the following {@code next()}; copy what must
 * outlive it. Chunk boundaries carry no meaning for the consumer.
 *
 * <p>Implementations are single-threaded.
 */
public interface CopyDataSource {

    /** Advances to the next chunk; false when the stream has ended. */
    boolean next() throws PgException;

    byte[] buffer();

    int offset();

    int length();
}
