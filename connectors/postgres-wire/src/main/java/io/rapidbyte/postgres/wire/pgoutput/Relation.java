package io.rapidbyte.postgres.wire.pgoutput;

/**
 * A pgoutput Relation message: the table a change refers to, as of that point in the WAL (the
 * server sends it again before the first change after a schema change). Immutable.
 */
public final class Relation {
    /** Replica identity settings of the table. */
    public static final char IDENTITY_DEFAULT = 'd';
    public static final char IDENTITY_NOTHING = 'n';
    public static final char IDENTITY_FULL = 'f';
    public static final char IDENTITY_INDEX = 'i';

    private final int id;
    private final String namespace;
    private final String name;
    private final char replicaIdentity;
    private final String[] columnNames;
    private final int[] typeOids;
    private final int[] typmods;
    private final boolean[] key;

    public Relation(int id, String namespace, String name, char replicaIdentity, String[] columnNames,
            int[] typeOids, int[] typmods, boolean[] key) {
        this.id = id;
        this.namespace = namespace;
        this.name = name;
        this.replicaIdentity = replicaIdentity;
        this.columnNames = columnNames;
        this.typeOids = typeOids;
        this.typmods = typmods;
        this.key = key;
    }

    public int id() {
        return id;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public char replicaIdentity() {
        return replicaIdentity;
    }

    public int columnCount() {
        return columnNames.length;
    }

    public String columnName(int i) {
        return columnNames[i];
    }

    public int typeOid(int i) {
        return typeOids[i];
    }

    public int typmod(int i) {
        return typmods[i];
    }

    /** Whether column {@code i} is part of the replica identity (the key the old tuple carries). */
    public boolean isKey(int i) {
        return key[i];
    }
}
