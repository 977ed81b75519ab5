package io.rapidbyte.postgres.wire.binary;

/**
 * Built-in type OIDs (fixed in pg_type.dat, identical on every server) for the
 * types the binary codecs handle, and the element/array OID pairs. Array COPY
 * input must name exactly the column's element type OID, so encoders use these.
 */
public final class PgOids {

    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int CIDR = 650;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int MACADDR8 = 774;
    public static final int MACADDR = 829;
    public static final int INET = 869;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    public static final int BOOL_ARRAY = 1000;
    public static final int BYTEA_ARRAY = 1001;
    public static final int CHAR_ARRAY = 1002;
    public static final int NAME_ARRAY = 1003;
    public static final int INT2_ARRAY = 1005;
    public static final int INT4_ARRAY = 1007;
    public static final int TEXT_ARRAY = 1009;
    public static final int BPCHAR_ARRAY = 1014;
    public static final int VARCHAR_ARRAY = 1015;
    public static final int INT8_ARRAY = 1016;
    public static final int FLOAT4_ARRAY = 1021;
    public static final int FLOAT8_ARRAY = 1022;
    public static final int OID_ARRAY = 1028;
    public static final int MACADDR_ARRAY = 1040;
    public static final int INET_ARRAY = 1041;
    public static final int TIMESTAMP_ARRAY = 1115;
    public static final int DATE_ARRAY = 1182;
    public static final int TIME_ARRAY = 1183;
    public static final int TIMESTAMPTZ_ARRAY = 1185;
    public static final int INTERVAL_ARRAY = 1187;
    public static final int NUMERIC_ARRAY = 1231;
    public static final int TIMETZ_ARRAY = 1270;
    public static final int CIDR_ARRAY = 651;
    public static final int JSON_ARRAY = 199;
    public static final int MACADDR8_ARRAY = 775;
    public static final int UUID_ARRAY = 2951;
    public static final int JSONB_ARRAY = 3807;

    private static final int[][] PAIRS = {
        {BOOL, BOOL_ARRAY}, {BYTEA, BYTEA_ARRAY}, {CHAR, CHAR_ARRAY}, {NAME, NAME_ARRAY},
        {INT2, INT2_ARRAY}, {INT4, INT4_ARRAY}, {INT8, INT8_ARRAY}, {TEXT, TEXT_ARRAY},
        {BPCHAR, BPCHAR_ARRAY}, {VARCHAR, VARCHAR_ARRAY}, {FLOAT4, FLOAT4_ARRAY}, {FLOAT8, FLOAT8_ARRAY},
        {OID, OID_ARRAY}, {MACADDR, MACADDR_ARRAY}, {MACADDR8, MACADDR8_ARRAY}, {INET, INET_ARRAY},
        {CIDR, CIDR_ARRAY}, {DATE, DATE_ARRAY}, {TIME, TIME_ARRAY}, {TIMETZ, TIMETZ_ARRAY},
        {TIMESTAMP, TIMESTAMP_ARRAY}, {TIMESTAMPTZ, TIMESTAMPTZ_ARRAY}, {INTERVAL, INTERVAL_ARRAY},
        {NUMERIC, NUMERIC_ARRAY}, {JSON, JSON_ARRAY}, {JSONB, JSONB_ARRAY}, {UUID, UUID_ARRAY},
    };

    private PgOids() {
    }

    /** The array type OID whose elements are {@code elementOid}, or 0 if not a known pair. */
    public static int arrayOf(int elementOid) {
        for (int[] p : PAIRS) {
            if (p[0] == elementOid) {
                return p[1];
            }
        }
        return 0;
    }

    /** The element type OID of array type {@code arrayOid}, or 0 if not a known array type. */
    public static int elementOf(int arrayOid) {
        for (int[] p : PAIRS) {
            if (p[1] == arrayOid) {
                return p[0];
            }
        }
        return 0;
    }
}
