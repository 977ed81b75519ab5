package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.VarBinaryColumnBuilder;

/**
 * A numeric without a decimal128 mapping (no precision, or one above 38) from its binary form
 * into its exact text, the same text a snapshot reads through {@code ::text}: the replication
 * stream sends such a column in binary, where COPY had the cast applied. Not thread-safe.
 */
final class NumericTextDecoder extends ValueDecoder {
    private final VarBinaryColumnBuilder out;
    private final PgNumeric value = new PgNumeric();

    NumericTextDecoder(ColumnBuilder builder) {
        super(builder);
        this.out = (VarBinaryColumnBuilder) builder;
    }

    @Override
    public void decode(byte[] b, int off, int len) {
        out.append(NumericCodec.decode(b, off, len, value).toString());
    }
}
