package io.rapidbyte.it.chaos;

import io.rapidbyte.it.env.PostgresServer;
import io.rapidbyte.postgres.testkit.RandomChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * The writers of a {@link ChainKinds#CDC} chain: {@value #WRITERS} {@link RandomChanges} writers
 * sharing a rate, connected to PostgreSQL directly (the application, not a connector: no proxy,
 * but a PostgreSQL crash hits them too and they reconnect), stopped once they made the planned
 * number of changes. Run thread only.
 */
final class CdcChanges implements SourceChanges {
    static final int WRITERS = 2;

    private final List<RandomChanges> writers = new ArrayList<>();
    private final long planned;
    private boolean stopped;

    /**
     * @param keys             keys drawn from {@code 1..keys}
     * @param planned          changes to make in all
     * @param changesPerSecond the writers' rate in all
     */
    CdcChanges(PostgresServer pg, String database, String table, int keys, long planned, double changesPerSecond,
               long seed) {
        this.planned = planned;
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new RandomChanges("chaos-cdc-writer-" + w, () -> pg.connect(database), table, keys, seed + w,
                    changesPerSecond / WRITERS).start());
        }
    }

    private long changes() {
        return writers.stream().mapToLong(RandomChanges::changes).sum();
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) changes() / Math.max(1, planned));
    }

    @Override
    public boolean done() {
        if (!stopped && changes() >= planned) {
            stop();
        }
        return stopped;
    }

    @Override
    public void check() {
        writers.forEach(RandomChanges::check);
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        for (RandomChanges w : writers) {
            try {
                w.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping " + w, e);
            }
        }
    }

    @Override
    public String summary() {
        long committed = writers.stream().mapToLong(RandomChanges::committedTransactions).sum();
        long rolledBack = writers.stream().mapToLong(RandomChanges::rolledBackTransactions).sum();
        long inDoubt = writers.stream().mapToLong(RandomChanges::inDoubtTransactions).sum();
        long reconnects = writers.stream().mapToLong(RandomChanges::reconnects).sum();
        return String.format("%,d changes by %d writers in %,d committed transactions (%,d rolled back, %d in doubt, "
                + "%d reconnects)", changes(), writers.size(), committed, rolledBack, inDoubt, reconnects);
    }
}
