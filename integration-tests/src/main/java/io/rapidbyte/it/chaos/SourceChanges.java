package io.rapidbyte.it.chaos;

/**
 * What keeps changing a chain's source table while a chaos run drives it through its faults
 * ({@link ChainKind#startChanges}); {@link #NONE} for a table that is only read. Called from the
 * run's thread only.
 */
public interface SourceChanges {
    /** Nothing changes the source: every answer is "done". */
    SourceChanges NONE = new SourceChanges() {
        @Override
        public double progress() {
            return 1;
        }

        @Override
        public boolean done() {
            return true;
        }

        @Override
        public void check() {
        }

        @Override
        public void stop() {
        }

        @Override
        public String summary() {
            return "no changes";
        }
    };

    /** The share (0..1) of the planned changes made so far. */
    double progress();

    /** Whether every planned change was made and the writers stopped (they are stopped here once they have). */
    boolean done();

    /** @throws AssertionError when a writer failed */
    void check();

    /** Stops the writers early (the run ends); idempotent. */
    void stop();

    /** Figures for the report: changes, transactions committed, rolled back and in doubt, reconnects. */
    String summary();
}
