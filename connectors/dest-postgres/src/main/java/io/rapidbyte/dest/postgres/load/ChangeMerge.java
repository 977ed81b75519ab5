package io.rapidbyte.dest.postgres.load;

import io.rapidbyte.dest.postgres.catalog.LoadPlan;
import io.rapidbyte.dest.postgres.catalog.PlanColumn;
import io.rapidbyte.dest.postgres.config.TruncatePolicy;
import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.sdk.ConnectorError;
import java.util.List;

/**
 * The SQL that applies one staged change batch to its target, in the batch's order, as one
 * server-side block (one round trip).
 *
 * <p>The staging table holds the rows with their op, their unchanged-TOAST marks and their
 * position in the batch. Truncate events cut the batch into segments; before each segment after
 * the first the target is truncated (or not, per {@link TruncatePolicy}). Within a segment only
 * the order of events of the same key matters: an event that fully determines the row (a delete,
 * or an upsert without unchanged columns) makes every earlier event of its key irrelevant, and
 * those are dropped. The rest are numbered per key and applied in rounds, round r holding each
 * key's r-th event, so a round never touches a key twice: DELETE by key, UPDATE the existing rows
 * (an unchanged column keeps the target's value), INSERT the missing ones that carry all their
 * values (an unchanged TOASTed value is never written as NULL; such a row is left out with a
 * server notice). A key change arrives as a delete of the old key (op {@code k}) right before an
 * upsert of the new one; before that delete, the new row takes its unchanged TOASTed values from
 * the old row. Stateless.
 */
final class ChangeMerge {
    static final String OP_COLUMN = "__rapidbyte_op";
    static final String UNCHANGED_COLUMN = "__rapidbyte_unchanged";
    static final String SEGMENT_COLUMN = "__rapidbyte_seg";
    static final String ROUND_COLUMN = "__rapidbyte_round";
    private static final String DELIMITER = "$rapidbyte_apply$";

    private ChangeMerge() {
    }

    /** Extra staging columns besides the plan's, the ordinal, op and unchanged (filled by the block). */
    static String extraStagingColumns() {
        return ", " + Sql.ident(SEGMENT_COLUMN) + " integer, " + Sql.ident(ROUND_COLUMN) + " integer";
    }

    /**
     * @param table the target, qualified and quoted
     * @param stage the staging table, qualified and quoted
     * @param key   the target's key columns (every one a plan column)
     */
    static String sql(String table, String stage, LoadPlan plan, List<String> key, TruncatePolicy truncate) {
        if (table.contains(DELIMITER) || stage.contains(DELIMITER)) {
            throw ConnectorError.config("INVALID_TABLE_NAME", "table name " + table + " contains " + DELIMITER)
                    .toException();
        }
        String ord = "s." + Sql.ident(WriteTarget.ORDINAL_COLUMN);
        String op = "s." + Sql.ident(OP_COLUMN);
        String unch = "s." + Sql.ident(UNCHANGED_COLUMN);
        String seg = "s." + Sql.ident(SEGMENT_COLUMN);
        String round = "s." + Sql.ident(ROUND_COLUMN);
        String stageKeysBare = keyList("", key);
        StringBuilder b = new StringBuilder("DO ").append(DELIMITER).append(" DECLARE seg integer; segs integer; ")
                .append("r integer; rounds integer; incomplete bigint; BEGIN ");
        // Segment of each row: the number of truncates at or before it.
        b.append("UPDATE ").append(stage).append(" s SET ").append(Sql.ident(SEGMENT_COLUMN)).append(" = x.n FROM (")
                .append("SELECT ").append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" AS o, count(*) FILTER (WHERE ")
                .append(Sql.ident(OP_COLUMN)).append(" = 't') OVER (ORDER BY ")
                .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(") AS n FROM ").append(stage).append(") x WHERE ")
                .append(ord).append(" = x.o; ");
        b.append("SELECT coalesce(max(").append(Sql.ident(SEGMENT_COLUMN)).append("), 0) INTO segs FROM ")
                .append(stage).append("; ");
        b.append("FOR seg IN 0..segs LOOP ");
        if (truncate == TruncatePolicy.TRUNCATE) {
            b.append("IF seg > 0 THEN TRUNCATE ").append(table).append("; END IF; ");
        }
        String carry = carryList(stage, plan, key);
        if (!carry.isEmpty()) {
            // A key change: the new row's unchanged TOASTed values are the old row's, as the batch
            // last set them before the change, else as the target has them. A value found in
            // neither stays marked unchanged (and its row is not inserted, below).
            String afterKeyChange = " FROM " + stage + " s WHERE " + seg + " = seg AND " + op + " = 'k' AND n."
                    + Sql.ident(WriteTarget.ORDINAL_COLUMN) + " = " + ord + " + 1 AND n."
                    + Sql.ident(UNCHANGED_COLUMN) + " IS NOT NULL; ";
            b.append("UPDATE ").append(stage).append(" n SET ").append(carry).append(" FROM ").append(stage)
                    .append(" s LEFT JOIN ").append(table).append(" t ON ").append(keyMatch("t.", "s.", key, plan))
                    .append(" WHERE ").append(seg).append(" = seg AND ").append(op).append(" = 'k' AND n.")
                    .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" = ").append(ord).append(" + 1 AND n.")
                    .append(Sql.ident(UNCHANGED_COLUMN)).append(" IS NOT NULL; ");
            b.append("UPDATE ").append(stage).append(" n SET ").append(Sql.ident(UNCHANGED_COLUMN)).append(" = ")
                    .append(stillUnchanged(plan, key)).append(afterKeyChange);
        }
        // Events superseded by a later full event of their key.
        b.append("DELETE FROM ").append(stage).append(" s USING (SELECT ").append(stageKeysBare).append(", max(")
                .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(") AS o FROM ").append(stage).append(" WHERE ")
                .append(Sql.ident(SEGMENT_COLUMN)).append(" = seg AND (").append(Sql.ident(OP_COLUMN))
                .append(" IN ('d', 'k') OR (").append(Sql.ident(OP_COLUMN)).append(" <> 't' AND ")
                .append(Sql.ident(UNCHANGED_COLUMN)).append(" IS NULL)) GROUP BY ").append(stageKeysBare)
                .append(") f WHERE ").append(seg).append(" = seg AND ").append(op).append(" NOT IN ('t', 'k') AND ")
                .append(keyMatch("s.", "f.", key, null)).append(" AND ").append(ord).append(" < f.o; ");
        b.append("UPDATE ").append(stage).append(" s SET ").append(Sql.ident(ROUND_COLUMN)).append(" = x.n FROM (")
                .append("SELECT ").append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" AS o, row_number() OVER (")
                .append("PARTITION BY ").append(stageKeysBare).append(" ORDER BY ")
                .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(") AS n FROM ").append(stage).append(" WHERE ")
                .append(Sql.ident(SEGMENT_COLUMN)).append(" = seg AND ").append(Sql.ident(OP_COLUMN))
                .append(" <> 't') x WHERE ").append(ord).append(" = x.o; ");
        b.append("SELECT coalesce(max(").append(Sql.ident(ROUND_COLUMN)).append("), 0) INTO rounds FROM ").append(stage)
                .append(" WHERE ").append(Sql.ident(SEGMENT_COLUMN)).append(" = seg; ");
        b.append("FOR r IN 1..rounds LOOP ");
        String inRound = seg + " = seg AND " + round + " = r";
        b.append("DELETE FROM ").append(table).append(" t USING ").append(stage).append(" s WHERE ").append(inRound)
                .append(" AND ").append(op).append(" IN ('d', 'k') AND ").append(keyMatch("t.", "s.", key, plan))
                .append("; ");
        String set = setList(plan, key, unch);
        if (!set.isEmpty()) {
            b.append("UPDATE ").append(table).append(" t SET ").append(set).append(" FROM ").append(stage)
                    .append(" s WHERE ").append(inRound).append(" AND ").append(op).append(" NOT IN ('d', 'k') AND ")
                    .append(keyMatch("t.", "s.", key, plan)).append("; ");
        }
        // A missing row is inserted only when the batch has all its values: an unchanged TOASTed
        // value of a row the target lacks is unknown here, and is never written as NULL. (That
        // happens only while changes replay over a resumed snapshot that saw the row's later
        // state or its absence; a later change of the key brings the row whole.)
        String missing = " FROM " + stage + " s WHERE " + inRound + " AND " + op + " NOT IN ('d', 'k') AND NOT EXISTS "
                + "(SELECT 1 FROM " + table + " t WHERE " + keyMatch("t.", "s.", key, plan) + ")";
        b.append("SELECT count(*) INTO incomplete").append(missing).append(" AND ").append(unch)
                .append(" IS NOT NULL; IF incomplete > 0 THEN RAISE NOTICE '%', 'cdc: ' || incomplete || ' change(s) "
                        + "with unchanged TOASTed values for rows the target does not have were not inserted'; "
                        + "END IF; ");
        b.append("INSERT INTO ").append(table).append(" (").append(columnList(plan)).append(") SELECT ")
                .append(valueList(plan)).append(missing).append(" AND ").append(unch).append(" IS NULL; ");
        b.append("END LOOP; END LOOP; END ").append(DELIMITER).append("; TRUNCATE ").append(stage);
        return b.toString();
    }

    private static String keyList(String prefix, List<String> key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(prefix).append(Sql.ident(key.get(i)));
        }
        return b.toString();
    }

    /**
     * {@code left.k = right.k AND ...}; with a plan, the right side is a staging column and is
     * cast to the target column's type where the two differ.
     */
    private static String keyMatch(String left, String right, List<String> key, LoadPlan plan) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < key.size(); i++) {
            b.append(i == 0 ? "" : " AND ").append(left).append(Sql.ident(key.get(i))).append(" = ");
            if (plan == null) {
                b.append(right).append(Sql.ident(key.get(i)));
            } else {
                b.append(value(plan.column(key.get(i))));
            }
        }
        return b.toString();
    }

    private static String setList(LoadPlan plan, List<String> key, String unch) {
        StringBuilder b = new StringBuilder();
        for (PlanColumn c : plan.columns()) {
            if (key.contains(c.name())) {
                continue;
            }
            String col = Sql.ident(c.name());
            b.append(b.length() == 0 ? "" : ", ").append(col).append(" = CASE WHEN strpos(coalesce(").append(unch)
                    .append(", ''), ',").append(c.fieldIndex()).append(",') > 0 THEN t.").append(col).append(" ELSE ")
                    .append(value(c)).append(" END");
        }
        return b.toString();
    }

    /**
     * {@code c = CASE WHEN <c unchanged in n> THEN coalesce(<latest earlier value of the old key
     * in the batch>, t.c) ELSE n.c END, ...} for non-key columns (an unchanged TOASTed value is
     * never NULL, so a NULL from the batch means "not in the batch").
     */
    private static String carryList(String stage, LoadPlan plan, List<String> key) {
        StringBuilder b = new StringBuilder();
        for (PlanColumn c : plan.columns()) {
            if (key.contains(c.name())) {
                continue;
            }
            String col = Sql.ident(c.name());
            b.append(b.length() == 0 ? "" : ", ").append(col).append(" = CASE WHEN strpos(coalesce(n.")
                    .append(Sql.ident(UNCHANGED_COLUMN)).append(", ''), ',").append(c.fieldIndex())
                    .append(",') > 0 THEN coalesce((SELECT p.").append(col).append(" FROM ").append(stage)
                    .append(" p WHERE p.").append(Sql.ident(SEGMENT_COLUMN)).append(" = seg AND ")
                    .append(keyMatch("p.", "s.", key, null)).append(" AND p.")
                    .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" < s.")
                    .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" AND p.").append(Sql.ident(OP_COLUMN))
                    .append(" IN ('c', 'u', 'r') AND strpos(coalesce(p.").append(Sql.ident(UNCHANGED_COLUMN))
                    .append(", ''), ',").append(c.fieldIndex()).append(",') = 0 ORDER BY p.")
                    .append(Sql.ident(WriteTarget.ORDINAL_COLUMN)).append(" DESC LIMIT 1), t.").append(col)
                    .append("::").append(io.rapidbyte.dest.postgres.catalog.ArrowPgTypes.naturalName(c.field()))
                    .append(") ELSE n.").append(col).append(" END");
        }
        return b.toString();
    }

    /**
     * The unchanged marks of a key change's new row after the carry: those of columns still null
     * (no earlier value found), or NULL when none is left.
     */
    private static String stillUnchanged(LoadPlan plan, List<String> key) {
        StringBuilder b = new StringBuilder("nullif(concat(','");
        for (PlanColumn c : plan.columns()) {
            if (key.contains(c.name())) {
                continue;
            }
            b.append(", CASE WHEN strpos(n.").append(Sql.ident(UNCHANGED_COLUMN)).append(", ',")
                    .append(c.fieldIndex()).append(",') > 0 AND n.").append(Sql.ident(c.name()))
                    .append(" IS NULL THEN '").append(c.fieldIndex()).append(",' END");
        }
        return b.append("), ',')").toString();
    }

    private static String columnList(LoadPlan plan) {
        StringBuilder b = new StringBuilder();
        for (PlanColumn c : plan.columns()) {
            b.append(b.length() == 0 ? "" : ", ").append(Sql.ident(c.name()));
        }
        return b.toString();
    }

    private static String valueList(LoadPlan plan) {
        StringBuilder b = new StringBuilder();
        for (PlanColumn c : plan.columns()) {
            b.append(b.length() == 0 ? "" : ", ").append(value(c));
        }
        return b.toString();
    }

    /** The staging value as the target column's type. */
    private static String value(PlanColumn c) {
        String cast = TableWriter.castTo(c);
        return "s." + Sql.ident(c.name()) + (cast == null ? "" : "::" + cast);
    }
}
