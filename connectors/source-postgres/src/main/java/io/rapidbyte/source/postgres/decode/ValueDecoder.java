package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.sdk.arrow.ColumnBuilder;

/**
 * Decodes one column's binary COPY values straight into its Arrow column builder. Failures are
 * runtime exceptions ({@code BinaryFormatException}, {@code IllegalArgumentException}, ...) that
 * {@link RowDecoder} turns into a data error naming the column. Not thread-safe.
 */
public abstract class ValueDecoder {
    /** The way out for a value a column's Arrow type cannot hold exactly, ending such errors. */
    static final String TEXT_COLUMNS_HINT = "list the column in the stream's \"text_columns\" to read it as its "
            + "exact text form";

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
