package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.sdk.arrow.ColumnBuilder;

/**
 * Decodes one column's binary COPY values straight into its Arrow column builder. Failures are
 * runtime exceptions ({@code BinaryFormatException}, {@code IllegalArgumentException}, ...) that
 * {@link RowDecoder} turns into a data error naming the column. Not thread-safe.
 */
public abstract class ValueDecoder {
    final ColumnBuilder builder;

    ValueDecoder(ColumnBuilder builder) {
        this.builder = builder;
    }

    /** Appends the value {@code b[off, off+len)}. */
    public abstract void decode(byte[] b, int off, int len);

    /** Appends SQL NULL. */
    public void appendNull() {
        builder.appendNull();
    }
}
