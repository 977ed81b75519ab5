package io.rapidbyte.dest.postgres;

import io.rapidbyte.postgres.testkit.TestPostgres;
import io.rapidbyte.postgres.wire.BinaryCopyReader;
import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.PgTransport;
import io.rapidbyte.postgres.wire.PgTransportException;
import io.rapidbyte.postgres.wire.binary.ArrayReader;
import io.rapidbyte.postgres.wire.binary.NetworkCodec;
import io.rapidbyte.postgres.wire.binary.NumericCodec;
import io.rapidbyte.postgres.wire.binary.PgInterval;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.TemporalCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * What source-postgres does, on the JVM, for tests: reads a table with
 * {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} (postgres-wire) and builds one Arrow batch
 * the way issue 4 maps types (numeric(p&lt;=38,s) → decimal128, other numeric → utf8 text,
 * timestamptz → timestamp UTC, interval → month-day-nano with the PG 17 infinities as all-MAX /
 * all-MIN, uuid → fixed-size-binary(16), json/jsonb/inet/cidr/macaddr/enums/anything else →
 * utf8 of the output text, arrays → lists), each field with {@code rapidbyte.pg_type} =
 * format_type.
 */
final class PgToArrow {
    private static final Set<Integer> BINARY_TYPES = Set.of(PgOids.INT2, PgOids.INT4, PgOids.INT8, PgOids.FLOAT4,
            PgOids.FLOAT8, PgOids.NUMERIC, PgOids.BOOL, PgOids.TEXT, PgOids.VARCHAR, PgOids.BPCHAR, PgOids.NAME,
            PgOids.BYTEA, PgOids.DATE, PgOids.TIME, PgOids.TIMESTAMP, PgOids.TIMESTAMPTZ, PgOids.INTERVAL, PgOids.UUID,
            PgOids.JSON, PgOids.JSONB, PgOids.INET, PgOids.CIDR, PgOids.MACADDR);

    private record Col(String name, String formatType, int oid, int elemOid, int typmod, boolean notNull) {
    }

    private PgToArrow() {
    }

    /** One frame holding every row of {@code table} (ordered by {@code orderBy}). */
    static byte[] read(TestPostgres pg, String database, String table, String orderBy, String stream, String run,
            long seq) throws PgException {
        List<Col> cols = new ArrayList<>();
        try (var c = pg.connect(database); var s = c.createStatement(); var r = s.executeQuery(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.atttypid, t.typelem, a.atttypmod, "
                        + "a.attnotnull, t.typcategory FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
                        + "WHERE a.attrelid = '" + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped "
                        + "ORDER BY a.attnum")) {
            while (r.next()) {
                boolean array = "A".equals(r.getString(7));
                cols.add(new Col(r.getString(1), r.getString(2), array ? 0 : r.getInt(3), array ? r.getInt(4) : 0,
                        r.getInt(5), r.getBoolean(6)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder select = new StringBuilder("COPY (SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            String q = "\"" + c.name + "\"";
            boolean known = c.elemOid == 0 ? BINARY_TYPES.contains(c.oid) : BINARY_TYPES.contains(c.elemOid);
            select.append(i == 0 ? "" : ", ").append(known ? q : q + (c.elemOid == 0 ? "::text" : "::text[]"));
        }
        select.append(" FROM ").append(table).append(" ORDER BY ").append(orderBy).append(") TO STDOUT (FORMAT binary)");

        List<List<Object>> values = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            values.add(new ArrayList<>());
        }
        try (PgConnection conn = PgConnection.connect(new JvmTransport(pg.host(), pg.port()),
                PgConnectOptions.builder("postgres").database(database).build())) {
            BinaryCopyReader in = new BinaryCopyReader(conn.copyOut(select.toString()));
            ArrayReader arr = new ArrayReader();
            while (in.next()) {
                for (int i = 0; i < cols.size(); i++) {
                    Col c = cols.get(i);
                    if (in.isNull(i)) {
                        values.get(i).add(null);
                    } else if (c.elemOid == 0) {
                        values.get(i).add(decode(c, c.oid, in.buffer(), in.offset(i), in.length(i)));
                    } else {
                        arr.reset(in.buffer(), in.offset(i), in.length(i));
                        List<Object> elems = new ArrayList<>();
                        while (arr.next()) {
                            elems.add(arr.isNull() ? null : decode(c, c.elemOid, arr.buffer(), arr.elementOffset(),
                                    arr.elementLength()));
                        }
                        values.get(i).add(elems);
                    }
                }
            }
        }
        FrameBuilder fb = FrameBuilder.batch(stream, run, seq);
        for (int i = 0; i < cols.size(); i++) {
            Col c = cols.get(i);
            Field f = c.elemOid == 0
                    ? FrameBuilder.field(c.name, arrowType(c, c.oid), !c.notNull, c.formatType)
                    : FrameBuilder.listField(c.name, arrowType(c, c.elemOid), c.formatType);
            fb.col(f, values.get(i));
        }
        return fb.build();
    }

    static ArrowType arrowType(Col c, int oid) {
        switch (oid) {
            case PgOids.INT2: return FrameBuilder.INT16;
            case PgOids.INT4: return FrameBuilder.INT32;
            case PgOids.INT8: return FrameBuilder.INT64;
            case PgOids.FLOAT4: return FrameBuilder.FLOAT32;
            case PgOids.FLOAT8: return FrameBuilder.FLOAT64;
            case PgOids.BOOL: return FrameBuilder.BOOL;
            case PgOids.NUMERIC:
                return precision(c) > 0 ? FrameBuilder.decimal(precision(c), scale(c)) : FrameBuilder.UTF8;
            case PgOids.BYTEA: return FrameBuilder.BINARY;
            case PgOids.DATE: return FrameBuilder.DATE;
            case PgOids.TIME: return FrameBuilder.TIME;
            case PgOids.TIMESTAMP: return FrameBuilder.TIMESTAMP;
            case PgOids.TIMESTAMPTZ: return FrameBuilder.TIMESTAMPTZ;
            case PgOids.INTERVAL: return FrameBuilder.INTERVAL;
            case PgOids.UUID: return FrameBuilder.UUID;
            default: return FrameBuilder.UTF8;
        }
    }

    /** numeric(p,s) with p <= 38 (array columns carry the element typmod too), else 0. */
    private static int precision(Col c) {
        if (c.typmod < 4) {
            return 0;
        }
        int p = ((c.typmod - 4) >> 16) & 0xffff;
        return p <= 38 ? p : 0;
    }

    private static int scale(Col c) {
        int s = (c.typmod - 4) & 0x7ff;
        return (s ^ 1024) - 1024;
    }

    private static Object decode(Col c, int oid, byte[] b, int off, int len) {
        switch (oid) {
            case PgOids.INT2: return ScalarCodec.int2(b, off, len);
            case PgOids.INT4: return ScalarCodec.int4(b, off, len);
            case PgOids.INT8: return ScalarCodec.int8(b, off, len);
            case PgOids.FLOAT4: return ScalarCodec.float4(b, off, len);
            case PgOids.FLOAT8: return ScalarCodec.float8(b, off, len);
            case PgOids.BOOL: return ScalarCodec.bool(b, off, len);
            case PgOids.NUMERIC: {
                String text = NumericCodec.decode(b, off, len).toString();
                return precision(c) > 0 ? new BigDecimal(text).setScale(scale(c)) : text;
            }
            case PgOids.BYTEA: return Arrays.copyOfRange(b, off, off + len);
            case PgOids.UUID: return Arrays.copyOfRange(b, off, off + len);
            case PgOids.DATE: return TemporalCodec.dateToUnixDays(TemporalCodec.date(b, off, len));
            case PgOids.TIME: return TemporalCodec.time(b, off, len);
            case PgOids.TIMESTAMP:
            case PgOids.TIMESTAMPTZ:
                return TemporalCodec.timestampToUnixMicros(TemporalCodec.timestamp(b, off, len));
            case PgOids.INTERVAL: {
                PgInterval v = TemporalCodec.interval(b, off, len);
                if (v.isPositiveInfinity() || v.isNegativeInfinity()) {
                    return new FrameBuilder.Mdn(v.months(), v.days(), v.micros());
                }
                return new FrameBuilder.Mdn(v.months(), v.days(), Math.multiplyExact(v.micros(), 1000L));
            }
            case PgOids.JSONB: return ScalarCodec.jsonb(b, off, len);
            case PgOids.INET:
            case PgOids.CIDR:
                return NetworkCodec.inetText(b, off, len);
            case PgOids.MACADDR: return NetworkCodec.macText(b, off, len);
            default: return ScalarCodec.text(b, off, len); // text types, json, enums, ::text of anything else
        }
    }

    /** postgres-wire over a plain JVM socket. */
    static final class JvmTransport implements PgTransport {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        JvmTransport(String host, int port) {
            try {
                socket = new Socket(host, port);
                in = socket.getInputStream();
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            } catch (IOException e) {
                throw new PgTransportException(e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            try {
                return in.read(buf, off, len);
            } catch (IOException e) {
                throw new PgTransportException(e.getMessage(), e);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) {
            try {
                out.write(buf, off, len);
            } catch (IOException e) {
                throw new PgTransportException(e.getMessage(), e);
            }
        }

        @Override
        public void flush() {
            try {
                out.flush();
            } catch (IOException e) {
                throw new PgTransportException(e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // test transport
            }
        }
    }
}
