package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.BinaryFormatException;
import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgInterval;
import io.rapidbyte.postgres.wire.binary.PgNumeric;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;

/**
 * Test helper: decodes each binary field to a plain Java value with the
 * decoders and writes it back with the writer's typed encoders, the way
 * dest-postgres would from Arrow values (Unix-epoch times, unscaled decimals,
 * text for network types).
 */
final class RowReEncoder {

    private final int[] typeOids;
    private final ArrayReader arrays = new ArrayReader();
    private final PgNumeric numeric = new PgNumeric();
    int unixFallbacks;

    RowReEncoder(int[] typeOids) {
        this.typeOids = typeOids;
    }

    void write(BinaryCopyWriter w, byte[][] row) throws PgException {
        w.startTuple(row.length);
        for (int c = 0; c < row.length; c++) {
            byte[] v = row[c];
            if (v == null) {
                w.writeNull();
                continue;
            }
            int elem = PgOids.elementOf(typeOids[c]);
            if (elem == 0) {
                writeValue(w, typeOids[c], v, 0, v.length);
                continue;
            }
            arrays.reset(v, 0, v.length);
            w.beginArray(arrays.elementOid());
            while (arrays.next()) {
                if (arrays.isNull()) {
                    w.writeNull();
                } else {
                    writeValue(w, elem, arrays.buffer(), arrays.elementOffset(), arrays.elementLength());
                }
            }
            w.endArray();
        }
        w.endTuple();
    }

    private void writeValue(BinaryCopyWriter w, int oid, byte[] b, int off, int len) {
        switch (oid) {
            case PgOids.BOOL:
                w.writeBool(ScalarCodec.bool(b, off, len));
                break;
            case PgOids.INT2:
                w.writeInt2(ScalarCodec.int2(b, off, len));
                break;
            case PgOids.INT4:
                w.writeInt4(ScalarCodec.int4(b, off, len));
                break;
            case PgOids.INT8:
                w.writeInt8(ScalarCodec.int8(b, off, len));
                break;
            case PgOids.OID:
                w.writeOid(ScalarCodec.oid(b, off, len));
                break;
            case PgOids.FLOAT4:
                w.writeFloat4(ScalarCodec.float4(b, off, len));
                break;
            case PgOids.FLOAT8:
                w.writeFloat8(ScalarCodec.float8(b, off, len));
                break;
            case PgOids.TEXT:
            case PgOids.VARCHAR:
            case PgOids.BPCHAR:
            case PgOids.NAME:
            case PgOids.JSON:
                w.writeText(ScalarCodec.text(b, off, len));
                break;
            case PgOids.JSONB:
                w.writeJsonb(ScalarCodec.jsonb(b, off, len));
                break;
            case PgOids.BYTEA:
                byte[] bytes = ScalarCodec.bytea(b, off, len);
                w.writeBytes(bytes, 0, bytes.length);
                break;
            case PgOids.UUID:
                w.writeUuid(ScalarCodec.uuidHigh(b, off, len), ScalarCodec.uuidLow(b, off, len));
                break;
            case PgOids.NUMERIC:
                NumericCodec.decode(b, off, len, numeric);
                if (numeric.isFinite() && numeric.fitsUnscaled128()) {
                    w.writeNumeric(new PgNumeric().setUnscaled(numeric.unscaledHigh(), numeric.unscaledLow(),
                            numeric.scale()));
                } else {
                    w.writeNumeric(numeric);
                }
                break;
            case PgOids.INET:
            case PgOids.CIDR:
                w.writeInet(NetworkCodec.inetText(b, off, len), oid == PgOids.CIDR);
                break;
            case PgOids.MACADDR:
            case PgOids.MACADDR8:
                w.writeMac(NetworkCodec.macText(b, off, len), len);
                break;
            case PgOids.DATE:
                int unixDays = TemporalCodec.dateToUnixDays(TemporalCodec.date(b, off, len));
                w.writeDate(TemporalCodec.unixDaysToDate(unixDays));
                break;
            case PgOids.TIME:
                w.writeTime(TemporalCodec.time(b, off, len));
                break;
            case PgOids.TIMETZ:
                w.writeTimetz(TemporalCodec.timetzMicros(b, off, len), TemporalCodec.timetzOffsetSeconds(b, off, len));
                break;
            case PgOids.TIMESTAMP:
            case PgOids.TIMESTAMPTZ:
                long pg = TemporalCodec.timestamp(b, off, len);
                try {
                    w.writeTimestamp(TemporalCodec.unixMicrosToTimestamp(TemporalCodec.timestampToUnixMicros(pg)));
                } catch (BinaryFormatException outOfUnixRange) {
                    unixFallbacks++;
                    w.writeTimestamp(pg);
                }
                break;
            case PgOids.INTERVAL:
                PgInterval i = TemporalCodec.interval(b, off, len);
                w.writeInterval(i.months(), i.days(), i.micros());
                break;
            default:
                throw new IllegalArgumentException("no encoder for oid " + oid);
        }
    }
}
