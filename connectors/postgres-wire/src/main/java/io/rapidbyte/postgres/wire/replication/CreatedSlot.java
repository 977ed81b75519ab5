package io.rapidbyte.postgres.wire.replication;

/**
 * What {@code CREATE_REPLICATION_SLOT ... LOGICAL} answers: the slot's name, its consistent point
 * (the first position it decodes from: everything committed before is in the exported snapshot,
 * everything after comes through the slot) and the name of the exported snapshot (null unless
 * {@code SNAPSHOT 'export'}). The snapshot can be imported with {@code SET TRANSACTION SNAPSHOT}
 * only while the connection that created the slot stays open and runs no other command. Immutable.
 */
public final class CreatedSlot {
    private final String slotName;
    private final long consistentPoint;
    private final String snapshotName;

    public CreatedSlot(String slotName, long consistentPoint, String snapshotName) {
        this.slotName = slotName;
        this.consistentPoint = consistentPoint;
        this.snapshotName = snapshotName;
    }

    public String slotName() {
        return slotName;
    }

    public long consistentPoint() {
        return consistentPoint;
    }

    public String snapshotName() {
        return snapshotName;
    }
}
