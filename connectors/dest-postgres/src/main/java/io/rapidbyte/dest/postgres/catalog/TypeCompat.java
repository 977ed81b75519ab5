package io.rapidbyte.dest.postgres.catalog;

/**
 * Whether a column of one type holds every value of another without loss: the test behind the
 * "type change" drift policy. Same type, or a wider one of the same family (integer widening,
 * longer or unbounded varchar, text for any character type, numeric with room for the digits,
 * double for real, any precision for timestamps/times/intervals). Stateless.
 */
public final class TypeCompat {
    private TypeCompat() {
    }

    /** True if a column of type {@code column} can hold every value of type {@code incoming}. */
    public static boolean holds(PgTypeName column, PgTypeName incoming) {
        if (column.text().equals(incoming.text())) {
            return true;
        }
        if (column.arrayDims() > 0 != incoming.arrayDims() > 0) {
            return false;
        }
        String c = column.base();
        String d = incoming.base();
        if (c.equals(d)) {
            return sameBase(c, column, incoming);
        }
        if (isText(d)) {
            if (c.equals("text")) {
                return true;
            }
            if (c.equals("character varying")) {
                return !column.hasMods()
                        || ((d.equals("character") || d.equals("character varying")) && incoming.hasMods()
                        && column.mod(0) >= incoming.mod(0));
            }
            return false;
        }
        int ci = intRank(c);
        int di = intRank(d);
        if (di > 0) {
            if (ci >= di) {
                return true;
            }
            if (c.equals("numeric")) {
                return !column.hasMods() || column.mod(0) - Math.max(0, column.mod(1)) >= intDigits(di);
            }
            if (c.equals("double precision")) {
                return di <= 2;
            }
            return false;
        }
        return c.equals("double precision") && d.equals("real");
    }

    private static boolean sameBase(String base, PgTypeName column, PgTypeName incoming) {
        if (!column.hasMods()) {
            // unbounded varchar/numeric/bit varying, or a type without modifiers at all
            return !base.equals("character") && !base.equals("bit");
        }
        switch (base) {
            case "character varying":
            case "bit varying":
                return incoming.hasMods() && column.mod(0) >= incoming.mod(0);
            case "numeric":
                if (!incoming.hasMods()) {
                    return false;
                }
                int cScale = column.mod(1) == Integer.MIN_VALUE ? 0 : column.mod(1);
                int iScale = incoming.mod(1) == Integer.MIN_VALUE ? 0 : incoming.mod(1);
                return cScale >= iScale && column.mod(0) - cScale >= incoming.mod(0) - iScale;
            case "timestamp with time zone":
            case "timestamp without time zone":
            case "time with time zone":
            case "time without time zone":
            case "interval":
                return !incoming.hasMods() ? column.mod(0) >= 6 : column.mod(0) >= incoming.mod(0);
            default:
                return false;
        }
    }

    /** text, character varying, character, name. */
    public static boolean isText(String base) {
        return base.equals("text") || base.equals("character varying") || base.equals("character")
                || base.equals("name");
    }

    private static int intRank(String base) {
        switch (base) {
            case "smallint":
                return 1;
            case "integer":
                return 2;
            case "bigint":
                return 3;
            default:
                return 0;
        }
    }

    private static int intDigits(int rank) {
        return rank == 1 ? 5 : rank == 2 ? 10 : 19;
    }
}
