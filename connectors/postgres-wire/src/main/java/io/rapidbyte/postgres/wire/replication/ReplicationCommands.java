package io.rapidbyte.postgres.wire.replication;

import io.rapidbyte.postgres.wire.PgConnectOptions;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import java.util.List;

/**
 * The replication commands of a logical replication connection (one opened with
 * {@link #REPLICATION_PARAMETER} = {@link #REPLICATION_DATABASE}): {@code IDENTIFY_SYSTEM},
 * {@code CREATE_REPLICATION_SLOT ... LOGICAL}, {@code DROP_REPLICATION_SLOT} and
 * {@code START_REPLICATION ... LOGICAL}. Slot and plugin names are checked to be plain
 * identifiers (lower-case letters, digits, underscore, as the server requires for slots), so
 * they never need quoting; option values are sent as quoted literals. Stateless.
 */
public final class ReplicationCommands {
    public static final String REPLICATION_PARAMETER = "replication";
    public static final String REPLICATION_DATABASE = "database";
    /** The server's limit on a slot name (NAMEDATALEN - 1). */
    public static final int MAX_SLOT_NAME = 63;

    private ReplicationCommands() {
    }

    /** {@code options} with the startup parameter that makes a logical replication connection. */
    public static PgConnectOptions.Builder replicationMode(PgConnectOptions.Builder options) {
        return options.parameter(REPLICATION_PARAMETER, REPLICATION_DATABASE);
    }

    public static SystemIdentity identifySystem(PgConnection c) throws PgException {
        QueryResult r = c.query("IDENTIFY_SYSTEM");
        if (r.rowCount() != 1 || r.columns().size() < 4) {
            throw PgException.protocolViolation("IDENTIFY_SYSTEM answered " + r.rowCount() + " rows of "
                    + r.columns().size() + " columns");
        }
        return new SystemIdentity(r.value(0, 0), Integer.parseInt(r.value(0, 1)), Lsn.parse(r.value(0, 2)),
                r.value(0, 3));
    }

    /**
     * Creates a logical slot with output plugin {@code plugin}. With {@code exportSnapshot} the
     * answer names a snapshot that shows exactly what was committed before the slot's consistent
     * point; it stays importable until this connection runs its next command or closes.
     */
    public static CreatedSlot createLogicalSlot(PgConnection c, String slot, String plugin, boolean exportSnapshot)
            throws PgException {
        return createLogicalSlot(c, slot, plugin, exportSnapshot, false);
    }

    /**
     * As {@link #createLogicalSlot(PgConnection, String, String, boolean)}; a {@code temporary}
     * slot is dropped by the server when this connection ends.
     */
    public static CreatedSlot createLogicalSlot(PgConnection c, String slot, String plugin, boolean exportSnapshot,
            boolean temporary) throws PgException {
        checkName("slot", slot);
        checkName("output plugin", plugin);
        // Servers before 15 know only the unparenthesized options (which 15+ still accept as legacy).
        String snapshot = c.serverVersionNum() < 150000
                ? (exportSnapshot ? " EXPORT_SNAPSHOT" : " NOEXPORT_SNAPSHOT")
                : (exportSnapshot ? " (SNAPSHOT 'export')" : " (SNAPSHOT 'nothing')");
        QueryResult r = c.query("CREATE_REPLICATION_SLOT " + slot + (temporary ? " TEMPORARY" : "") + " LOGICAL " + plugin
                + snapshot);
        if (r.rowCount() != 1 || r.columns().size() < 3) {
            throw PgException.protocolViolation("CREATE_REPLICATION_SLOT answered " + r.rowCount() + " rows");
        }
        return new CreatedSlot(r.value(0, 0), Lsn.parse(r.value(0, 1)), r.value(0, 2));
    }

    /** Drops {@code slot}; with {@code waitIfActive} the server waits for its user to go away. */
    public static void dropSlot(PgConnection c, String slot, boolean waitIfActive) throws PgException {
        checkName("slot", slot);
        c.query("DROP_REPLICATION_SLOT " + slot + (waitIfActive ? " WAIT" : ""));
    }

    /**
     * Starts streaming {@code slot} from {@code startLsn} (0: from the slot's confirmed position;
     * the server never starts before it) with the plugin options given as name/value pairs.
     */
    public static ReplicationStream startLogical(PgConnection c, String slot, long startLsn, List<String[]> options)
            throws PgException {
        checkName("slot", slot);
        StringBuilder sql = new StringBuilder("START_REPLICATION SLOT ").append(slot).append(" LOGICAL ")
                .append(Lsn.format(startLsn));
        if (!options.isEmpty()) {
            sql.append(" (");
            for (int i = 0; i < options.size(); i++) {
                String[] kv = options.get(i);
                checkName("plugin option", kv[0]);
                sql.append(i == 0 ? "" : ", ").append('"').append(kv[0]).append("\" ").append(literal(kv[1]));
            }
            sql.append(')');
        }
        return new ReplicationStream(c.copyBoth(sql.toString()));
    }

    /**
     * Whether {@code name} is a valid slot name: 1 to {@value #MAX_SLOT_NAME} of lower-case
     * letters, digits and underscores.
     */
    public static boolean isValidSlotName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_SLOT_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void checkName(String what, String name) {
        if (!isValidSlotName(name)) {
            throw new IllegalArgumentException(what + " name \"" + name + "\" must be 1 to " + MAX_SLOT_NAME
                    + " lower-case letters, digits or underscores");
        }
    }

    /** A single-quoted literal with quotes doubled (replication commands take no backslash escapes). */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("option value contains a NUL character");
        }
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            b.append(ch);
            if (ch == '\'') {
                b.append('\'');
            }
        }
        return b.append('\'').toString();
    }
}
