package io.rapidbyte.source.postgres.query;

import io.rapidbyte.postgres.guest.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The columns that order a stream's rows and make its resume position: the primary key (or
 * {@code ctid}) for a full refresh, the cursor plus tie-breaker for an incremental stream.
 * {@link Uniqueness} says where a batch may end: after any row when the key is unique, only where
 * the key value changes when it is not, never at a resumable point when there is no key. Immutable.
 */
public final class KeySpec {
    /** Whether key values identify rows. */
    public enum Uniqueness {
        /** Every row has its own key value: batches may end after any row. */
        UNIQUE,
        /** Rows may share a key value: batches end only where the value changes. */
        GROUPED,
        /** No key: the stream cannot resume mid-way (a restart starts over with a new sync run). */
        NONE
    }

    /** The pseudo-column used when a plain table has no primary key. */
    public static final String CTID = "ctid";

    private final List<String> columns;
    private final List<String> pgTypes;
    private final Uniqueness uniqueness;

    /** @param pgTypes the declared type of each key column, used to cast saved positions back */
    public KeySpec(List<String> columns, List<String> pgTypes, Uniqueness uniqueness) {
        if (columns.size() != pgTypes.size() || (columns.isEmpty() != (uniqueness == Uniqueness.NONE))) {
            throw new IllegalArgumentException("inconsistent key " + columns + " " + pgTypes + " " + uniqueness);
        }
        this.columns = Collections.unmodifiableList(new ArrayList<String>(columns));
        this.pgTypes = Collections.unmodifiableList(new ArrayList<String>(pgTypes));
        this.uniqueness = uniqueness;
    }

    /** The {@code ctid} key of a relation with stable ctids and no primary key, or of a ctid range. */
    public static KeySpec ctid() {
        return new KeySpec(Collections.singletonList(CTID), Collections.singletonList("tid"), Uniqueness.UNIQUE);
    }

    public static KeySpec none() {
        return new KeySpec(Collections.<String>emptyList(), Collections.<String>emptyList(), Uniqueness.NONE);
    }

    public List<String> columns() {
        return columns;
    }

    public List<String> pgTypes() {
        return pgTypes;
    }

    public Uniqueness uniqueness() {
        return uniqueness;
    }

    public int size() {
        return columns.size();
    }

    public boolean isCtid() {
        return columns.size() == 1 && CTID.equals(columns.get(0)) && "tid".equals(pgTypes.get(0));
    }

    /**
     * The SQL for key column {@code i}, qualified with the table alias so that it always means the
     * table's column (an output column of the same name, e.g. an enum cast to text, would otherwise
     * win in ORDER BY).
     */
    String expression(String tableAlias, int i) {
        return tableAlias + "." + (isCtid() ? CTID : Sql.ident(columns.get(i)));
    }
}
