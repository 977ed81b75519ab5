package io.rapidbyte.it.chaos;

import io.rapidbyte.it.data.SampleTable;
import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.it.pipeline.PostgresPipeline;

/**
 * One kind of pipeline a chaos run drives through its faults: how its payloads differ from
 * {@code config/}'s, what its source holds, and when it has delivered everything. A new kind
 * implements this and registers in {@link ChainKinds}; one whose source keeps changing while the
 * chain runs starts its writers in {@link #startChanges}, measures the run's progress by them
 * ({@link #progress}) and answers {@link #caughtUp} only once they stopped and the target has
 * everything. The run then compares {@link #sourceTable()} with
 * {@link #targetTable()} with {@code EXCEPT ALL} both ways. Implementations are immutable.
 */
public interface ChainKind {
    /** The name on the command line and in the report, e.g. {@code append-eos}. */
    String name();

    /** Sets what this kind changes in the payloads (write mode, delivery guarantee, ...). */
    void configure(PostgresPipeline pipeline);

    /** Creates and fills the source table in {@code database}. */
    default void createSource(PostgresServer pg, String database, long rows) {
        SampleTable.create(pg, database, rows);
    }

    /**
     * Starts what changes the source while the chain runs (once its connectors are created);
     * nothing by default.
     */
    default SourceChanges startChanges(PostgresServer pg, String database, ChaosOptions options) {
        return SourceChanges.NONE;
    }

    /** How far the chain is (0..1), for the fault plan: by default the rows committed over the source's rows. */
    default double progress(Chain chain) {
        return Math.min(1.0, (double) chain.committedRows() / Math.max(1, chain.rows()));
    }

    /** The table the source reads, {@code schema.table}. */
    default String sourceTable() {
        return SampleTable.TABLE;
    }

    /** The schema the sink writes into; the target table has the source table's name in it. */
    default String targetSchema() {
        return "replica";
    }

    default String targetTable() {
        return targetSchema() + "." + sourceTable().substring(sourceTable().indexOf('.') + 1);
    }

    /**
     * Whether the chain has delivered everything it will: by default, the source recorded its full
     * refresh as finished in its offsets and the destination committed at least the source's rows.
     */
    default boolean caughtUp(Chain chain) {
        // The row count first: asking for the offsets costs the worker a consumer of its offsets topic.
        return chain.committedRows() >= chain.rows() && chain.sourceFinished();
    }
}
