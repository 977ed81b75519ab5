package io.rapidbyte.dest.postgres.catalog;

import java.util.Collections;
import java.util.List;

/**
 * How the fields of batches with one Arrow schema map onto a target table, after the drift
 * policies ran: the loaded columns in field order (ignored new fields left out). Immutable.
 */
public final class LoadPlan {
    private final TargetTable table;
    private final List<PlanColumn> columns;

    public LoadPlan(TargetTable table, List<PlanColumn> columns) {
        this.table = table;
        this.columns = Collections.unmodifiableList(columns);
    }

    public TargetTable table() {
        return table;
    }

    public List<PlanColumn> columns() {
        return columns;
    }

    /** The plan column loading into {@code name}, or null. */
    public PlanColumn column(String name) {
        for (PlanColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** True when some column has no direct binary encoding (COPY must go through a staging table). */
    public boolean needsCast() {
        for (PlanColumn c : columns) {
            if (c.encoding() == null) {
                return true;
            }
        }
        return false;
    }
}
