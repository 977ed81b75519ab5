package io.rapidbyte.postgres.wire.replication;

/**
 * What {@code IDENTIFY_SYSTEM} answers: the cluster's system identifier, the current timeline,
 * the current WAL flush position and the database the connection is bound to (null for a
 * physical replication connection). Immutable.
 */
public final class SystemIdentity {
    private final String systemId;
    private final int timeline;
    private final long xlogPosition;
    private final String database;

    public SystemIdentity(String systemId, int timeline, long xlogPosition, String database) {
        this.systemId = systemId;
        this.timeline = timeline;
        this.xlogPosition = xlogPosition;
        this.database = database;
    }

    public String systemId() {
        return systemId;
    }

    public int timeline() {
        return timeline;
    }

    public long xlogPosition() {
        return xlogPosition;
    }

    public String database() {
        return database;
    }
}
