package io.rapidbyte.postgres.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One writer of random small transactions (1 to 8 changes) against a table shaped
 * {@code (id int PRIMARY KEY, n int NOT NULL, note text, doc text, ...)} with {@code doc} stored
 * out of line ({@code ALTER … doc SET STORAGE EXTERNAL}); other columns need defaults or must be
 * nullable. The mix change data capture has to get right: 20 % inserts of a new key (nothing when
 * it exists), 45 % updates of {@code n} and {@code note} that leave a TOASTed {@code doc}
 * unchanged, 10 % rewrites of {@code doc} with a large value, 20 % deletes, 5 % primary-key
 * changes to a free key. Keys are drawn from {@code 1..keys}; the seed makes the statements
 * repeatable (not their interleaving with other writers).
 *
 * <p>Optionally rate-limited (changes per second over the writer's life). A transaction that
 * loses its connection before {@code COMMIT} is rolled back by the server; one that loses it
 * during {@code COMMIT} is <em>in doubt</em> (it may or may not have committed) and is counted as
 * such, since the source's table, not this writer, is what a target is compared with. Either way
 * the writer reconnects (a server restart) and goes on; serialization failures, deadlocks and
 * unique violations between writers roll the transaction back. Thread-safe: counters may be read while it runs.
 */
public final class RandomChanges implements AutoCloseable {
    private static final long RECONNECT_PAUSE_MS = 200;
    private static final long RECONNECT_GIVE_UP_MS = 180_000;
    private static final int BIG_DOC_CHARS = 12_000;

    private final String table;
    private final int keys;
    private final long seed;
    private final double changesPerSecond;
    private final Callable<Connection> connect;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong rolledBack = new AtomicLong();
    private final AtomicLong inDoubt = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    /**
     * @param connect          opens a new connection to the table's database (called again after a lost one)
     * @param table            the table, as SQL ({@code public.items})
     * @param changesPerSecond at most this many changes a second; 0 for no limit
     */
    public RandomChanges(String name, Callable<Connection> connect, String table, int keys, long seed,
                         double changesPerSecond) {
        if (keys < 2) {
            throw new IllegalArgumentException("keys must be at least 2, got " + keys);
        }
        if (changesPerSecond < 0) {
            throw new IllegalArgumentException("changesPerSecond must be 0 or positive, got " + changesPerSecond);
        }
        this.connect = connect;
        this.table = table;
        this.keys = keys;
        this.seed = seed;
        this.changesPerSecond = changesPerSecond;
        this.thread = new Thread(this::runSafely, name);
        this.thread.setDaemon(true);
    }

    public RandomChanges start() {
        thread.start();
        return this;
    }

    /** Rows changed by committed transactions. */
    public long changes() {
        return changes.get();
    }

    public long committedTransactions() {
        return committed.get();
    }

    /** Transactions the server rolled back (conflict between writers, connection lost before COMMIT). */
    public long rolledBackTransactions() {
        return rolledBack.get();
    }

    /** Transactions whose connection was lost during COMMIT: committed or not, nobody can tell. */
    public long inDoubtTransactions() {
        return inDoubt.get();
    }

    public long reconnects() {
        return reconnects.get();
    }

    /** @throws AssertionError when the writer has failed (it then stopped) */
    public void check() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError(thread.getName() + " failed: " + t.getMessage(), t);
        }
    }

    /** Stops after the transaction in progress and waits for it; rethrows the writer's failure. */
    public void stop() throws InterruptedException {
        running.set(false);
        thread.join(60_000);
        if (thread.isAlive()) {
            throw new AssertionError(thread.getName() + " did not stop within 60 s");
        }
        check();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    @Override
    public String toString() {
        return String.format("%s: %,d changes in %,d transactions, %,d rolled back, %,d in doubt, %,d reconnects",
                thread.getName(), changes(), committedTransactions(), rolledBackTransactions(),
                inDoubtTransactions(), reconnects());
    }

    private void runSafely() {
        try {
            write();
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private void write() throws Exception {
        Random random = new Random(seed);
        String big = "b".repeat(BIG_DOC_CHARS);
        long startNanos = System.nanoTime();
        Statements s = null;
        while (running.get()) {
            if (s == null) {
                s = reconnect();
                if (s == null) {
                    return; // stopped while the server was away
                }
            }
            pace(startNanos);
            int ops = 1 + random.nextInt(8);
            long made = 0;
            boolean committing = false;
            try {
                for (int i = 0; i < ops; i++) {
                    made += s.next(random, big).executeUpdate();
                }
                committing = true;
                s.connection.commit();
                committed.incrementAndGet();
                changes.addAndGet(made);
            } catch (SQLException e) {
                if (isConnectionLoss(e, s.connection)) {
                    (committing ? inDoubt : rolledBack).incrementAndGet();
                    closeQuietly(s.connection);
                    s = null;
                } else if (isConflict(e)) {
                    rolledBack.incrementAndGet();
                    s.connection.rollback();
                } else {
                    throw e;
                }
            }
        }
        if (s != null) {
            closeQuietly(s.connection);
        }
    }

    /** Sleeps until the writer is back under its rate. */
    private void pace(long startNanos) throws InterruptedException {
        if (changesPerSecond <= 0) {
            return;
        }
        long dueNanos = startNanos + (long) (changes.get() / changesPerSecond * 1e9);
        long waitMs = (dueNanos - System.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
    }

    /** A new connection, retried while the server is away; null when stopped meanwhile. */
    private Statements reconnect() throws Exception {
        long deadline = System.nanoTime() + RECONNECT_GIVE_UP_MS * 1_000_000;
        boolean again = committed.get() + rolledBack.get() + inDoubt.get() > 0;
        while (true) {
            try {
                Statements s = new Statements(connect.call(), table, keys);
                if (again) {
                    reconnects.incrementAndGet();
                }
                return s;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no connection for " + RECONNECT_GIVE_UP_MS / 1000 + " s", e);
                }
                if (!running.get()) {
                    return null;
                }
                Thread.sleep(RECONNECT_PAUSE_MS);
            }
        }
    }

    private static boolean isConnectionLoss(SQLException e, Connection c) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
            return true;
        }
        try {
            return c.isClosed() || !c.isValid(2);
        } catch (SQLException ignored) {
            return true;
        }
    }

    /**
     * Conflicts between writers: serialization failure, deadlock, and a unique violation (a key
     * change's NOT EXISTS check races another writer's insert of that key under read committed).
     */
    private static boolean isConflict(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState()) || "23505".equals(e.getSQLState());
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone already
        }
    }

    /** The prepared statements of one connection. */
    private static final class Statements {
        final Connection connection;
        private final int keys;
        private final PreparedStatement insert;
        private final PreparedStatement bump;
        private final PreparedStatement doc;
        private final PreparedStatement delete;
        private final PreparedStatement rekey;

        Statements(Connection c, String table, int keys) throws SQLException {
            this.connection = c;
            this.keys = keys;
            c.setAutoCommit(false);
            insert = c.prepareStatement("INSERT INTO " + table + " (id, n, note) VALUES (?, 0, 'new') "
                    + "ON CONFLICT (id) DO NOTHING");
            bump = c.prepareStatement("UPDATE " + table + " SET n = n + 1, note = ? WHERE id = ?");
            doc = c.prepareStatement("UPDATE " + table + " SET doc = ? || n WHERE id = ?");
            delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
            rekey = c.prepareStatement("UPDATE " + table + " SET id = ? WHERE id = ? AND NOT EXISTS "
                    + "(SELECT 1 FROM " + table + " WHERE id = ?)");
        }

        /** The next random change, its parameters set. */
        PreparedStatement next(Random random, String big) throws SQLException {
            int id = 1 + random.nextInt(keys);
            int kind = random.nextInt(100);
            if (kind < 20) {
                insert.setInt(1, id);
                return insert;
            }
            if (kind < 65) {
                bump.setString(1, "u" + random.nextInt(1000));
                bump.setInt(2, id);
                return bump;
            }
            if (kind < 75) {
                doc.setString(1, big);
                doc.setInt(2, id);
                return doc;
            }
            if (kind < 95) {
                delete.setInt(1, id);
                return delete;
            }
            int to = 1 + random.nextInt(keys);
            rekey.setInt(1, to);
            rekey.setInt(2, id);
            rekey.setInt(3, to);
            return rekey;
        }
    }
}
