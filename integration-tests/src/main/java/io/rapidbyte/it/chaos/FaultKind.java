package io.rapidbyte.it.chaos;

/** What a chaos run can do to the running chain. */
public enum FaultKind {
    /** SIGKILL of one Connect worker JVM, then the same worker started again. */
    WORKER_KILL("SIGKILL a Connect worker, start it again"),
    /** SIGKILL of the broker, then started again on the same log directory. */
    BROKER_KILL("SIGKILL the broker, start it again on its log directory"),
    /** {@code pg_ctl stop -m immediate}, then {@code pg_ctl start}: crash recovery from the WAL. */
    POSTGRES_CRASH("immediate shutdown of PostgreSQL, start it again"),
    /** Every connection between the connectors and PostgreSQL reset by the proxy. */
    CUT_POSTGRES("reset every connector connection to PostgreSQL"),
    /** Every connection between Kafka clients (workers, tasks) and the broker reset by the proxy. */
    CUT_KAFKA("reset every client connection to the broker");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
