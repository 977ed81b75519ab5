package io.rapidbyte.source.postgres.decode;

import io.rapidbyte.postgres.guest.Redactor;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.arrow.ColumnBuilder;
import io.rapidbyte.sdk.arrow.ListColumnBuilder;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.source.postgres.Errors;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.ValueKind;
import java.util.List;

/**
 * Decodes the output fields of a COPY row (the first {@code columns.size()} fields) into the first
 * {@code columns.size()} columns of a
 * {@link RecordBatchBuilder}, one {@link ValueDecoder} per column. A value that cannot be decoded or
 * represented fails the read with a {@code data} error naming the stream and column. Not
 * thread-safe.
 */
public final class RowDecoder {
    private final ValueDecoder[] decoders;
    private final String[] names;
    private final String stream;
    private final Redactor redactor;

    public RowDecoder(String stream, List<ColumnMapping> columns, RecordBatchBuilder batch, DecodeNotes notes,
            Redactor redactor) {
        this(stream, columns, batch, notes, redactor, false);
    }

    /**
     * @param uncast the values are in their column type's own binary form even where a snapshot
     *               casts the column to text (the replication stream): a numeric read as text is
     *               rendered from its binary form; an enum's binary form is its label already
     */
    public RowDecoder(String stream, List<ColumnMapping> columns, RecordBatchBuilder batch, DecodeNotes notes,
            Redactor redactor, boolean uncast) {
        this(stream, columns, batch, notes, redactor, uncast, false);
    }

    /**
     * A decoder of values in their types' output text (a text-mode pgoutput stream) into the same
     * Arrow values as the binary form gives ({@link TextDecoders}); a column a snapshot casts to
     * {@code ::text} is that text already.
     */
    public static RowDecoder forText(String stream, List<ColumnMapping> columns, RecordBatchBuilder batch,
            DecodeNotes notes, Redactor redactor) {
        return new RowDecoder(stream, columns, batch, notes, redactor, true, true);
    }

    private RowDecoder(String stream, List<ColumnMapping> columns, RecordBatchBuilder batch, DecodeNotes notes,
            Redactor redactor, boolean uncast, boolean text) {
        if (batch.columnCount() < columns.size()) {
            throw new IllegalArgumentException("batch has " + batch.columnCount() + " columns, mapping " + columns.size());
        }
        this.stream = stream;
        this.redactor = redactor;
        this.decoders = new ValueDecoder[columns.size()];
        this.names = new String[columns.size()];
        for (int i = 0; i < decoders.length; i++) {
            ColumnMapping m = columns.get(i);
            names[i] = m.column().name();
            if (text) {
                decoders[i] = createText(m, batch.column(i), notes);
            } else {
                decoders[i] = uncast && isNumericAsText(m) ? new NumericTextDecoder(batch.column(i))
                        : create(m, batch.column(i), notes);
            }
        }
    }

    public int columnCount() {
        return decoders.length;
    }

    /** Appends the row's output fields; every column gets exactly one value. */
    public void decode(Tuple t) {
        int i = 0;
        try {
            byte[] b = t.buffer;
            int[] offsets = t.offsets;
            int[] lengths = t.lengths;
            int base = t.base;
            ValueDecoder[] d = decoders;
            for (; i < d.length; i++) {
                int len = lengths[base + i];
                if (len < 0) {
                    d[i].appendNull();
                } else {
                    d[i].decode(b, offsets[base + i], len);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException | IndexOutOfBoundsException e) {
            throw Errors.data("DECODE_FAILED", "stream " + stream + ", column \"" + names[i] + "\": " + e.getMessage(),
                    redactor);
        }
    }

    /** A scalar numeric (or domain over one) that a snapshot reads through {@code ::text}. */
    public static boolean isNumericAsText(ColumnMapping m) {
        return m.cast() == ColumnMapping.Cast.TEXT && m.column().baseOid() == PgOids.NUMERIC;
    }

    private static ValueDecoder create(ColumnMapping m, ColumnBuilder builder, DecodeNotes notes) {
        if (m.kind() == ValueKind.LIST) {
            ListColumnBuilder list = (ListColumnBuilder) builder;
            ValueDecoder element = scalar(m.elementKind(), list.child(), notes, m.column().name());
            int elementOid = m.cast() == ColumnMapping.Cast.TEXT_ARRAY ? PgOids.TEXT : m.column().elementOid();
            return new ListDecoder(list, element, elementOid);
        }
        return scalar(m.kind(), builder, notes, m.column().name());
    }

    private static ValueDecoder createText(ColumnMapping m, ColumnBuilder builder, DecodeNotes notes) {
        if (m.kind() == ValueKind.LIST) {
            ListColumnBuilder list = (ListColumnBuilder) builder;
            return new TextListDecoder(list, scalarText(m.elementKind(), list.child(), notes, m.column().name()));
        }
        return scalarText(m.kind(), builder, notes, m.column().name());
    }

    private static ValueDecoder scalarText(ValueKind kind, ColumnBuilder b, DecodeNotes notes, String column) {
        switch (kind) {
            case INT16: return new TextDecoders.Int(b, Short.MIN_VALUE, Short.MAX_VALUE, "smallint");
            case INT32: return new TextDecoders.Int(b, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer");
            case INT64: return new TextDecoders.Int(b, Long.MIN_VALUE, Long.MAX_VALUE, "bigint");
            case OID: return new TextDecoders.Int(b, 0, 0xffffffffL, "oid");
            case FLOAT32: return new TextDecoders.Float32(b);
            case FLOAT64: return new TextDecoders.Float64(b);
            case BOOL: return new TextDecoders.Bool(b);
            case DECIMAL: return new TextDecoders.Decimal(b);
            case TEXT:
            case JSONB:
            case INET:
            case MACADDR:
                return new ScalarDecoders.Bytes(b);
            case BYTEA: return new TextDecoders.Bytea(b);
            case UUID: return new TextDecoders.Uuid(b);
            case DATE: return new TextDecoders.Date(b, notes, column);
            case TIME: return new TextDecoders.Time(b);
            case TIMESTAMP: return new TextDecoders.Timestamp(b, notes, column, false);
            case TIMESTAMPTZ: return new TextDecoders.Timestamp(b, notes, column, true);
            case INTERVAL: return new TextDecoders.Interval(b, notes, column);
            default:
                throw new IllegalArgumentException("no text decoder for " + kind);
        }
    }

    private static ValueDecoder scalar(ValueKind kind, ColumnBuilder b, DecodeNotes notes, String column) {
        switch (kind) {
            case INT16: return new ScalarDecoders.Int16(b);
            case INT32: return new ScalarDecoders.Int32(b);
            case INT64: return new ScalarDecoders.Int64(b);
            case OID: return new ScalarDecoders.Oid(b);
            case FLOAT32: return new ScalarDecoders.Float32(b);
            case FLOAT64: return new ScalarDecoders.Float64(b);
            case BOOL: return new ScalarDecoders.Bool(b);
            case DECIMAL: return new DecimalDecoder(b);
            case TEXT:
            case BYTEA:
                return new ScalarDecoders.Bytes(b);
            case JSONB: return new ScalarDecoders.Jsonb(b);
            case INET: return new ScalarDecoders.Inet(b);
            case MACADDR: return new ScalarDecoders.MacAddr(b);
            case UUID: return new ScalarDecoders.Uuid(b);
            case DATE: return new ScalarDecoders.Date(b, notes, column);
            case TIME: return new ScalarDecoders.Time(b);
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return new ScalarDecoders.Timestamp(b, notes, column);
            case INTERVAL: return new ScalarDecoders.Interval(b, notes, column);
            default:
                throw new IllegalArgumentException("no decoder for " + kind);
        }
    }
}
