package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.Sql;
import io.rapidbyte.postgres.wire.PgConnection;
import io.rapidbyte.postgres.wire.PgException;
import io.rapidbyte.postgres.wire.QueryResult;
import io.rapidbyte.source.postgres.catalog.ColumnMapping;
import io.rapidbyte.source.postgres.catalog.SourceTable;
import io.rapidbyte.source.postgres.catalog.TypeMapper;
import io.rapidbyte.source.postgres.decode.RowDecoder;
import io.rapidbyte.source.postgres.query.StreamProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * What a cdc stream needs from the server, checked before anything is created, each problem with
 * the fix: {@code wal_level = logical}, the REPLICATION attribute, a key (primary key or
 * {@code REPLICA IDENTITY FULL}), the table in its publication when that exists, the slot not in
 * use (and made for pgoutput in this database), and column types the replication stream's values
 * can be decoded for: in binary form every natively mapped type, enums, and numeric read as text;
 * in text form every type but arrays of box (whose elements are separated by {@code ;}). Which form
 * a stream uses is {@link #textForm}. Stateless.
 */
public final class CdcChecks {
    public static final String WAL_LEVEL = "CDC_WAL_LEVEL";
    public static final String NO_REPLICATION = "CDC_NO_REPLICATION_PRIVILEGE";
    public static final String NO_KEY = "CDC_NO_KEY";
    public static final String NOT_IN_PUBLICATION = "CDC_TABLE_NOT_IN_PUBLICATION";
    public static final String SLOT_IN_USE = "CDC_SLOT_IN_USE";
    public static final String SLOT_MISMATCH = "CDC_SLOT_MISMATCH";
    public static final String UNSUPPORTED_TYPE = "CDC_UNSUPPORTED_TYPE";
    public static final String SERVER_TOO_OLD = "CDC_SERVER_TOO_OLD";
    /** The first release whose pgoutput has the {@code binary} option. */
    public static final int BINARY_PGOUTPUT_VERSION = 140000;
    /** box: the one built-in type whose array elements are separated by {@code ;}, not {@code ,}. */
    private static final int BOX_OID = 603;

    private CdcChecks() {
    }

    /** Every problem of cdc stream {@code stream} on {@code table}; empty when it can run. */
    public static List<StreamProblem> problems(PgConnection c, SourceTable table, CdcOptions options, String user,
            boolean standardStrings) throws PgException {
        List<StreamProblem> out = new ArrayList<StreamProblem>();
        boolean text = textForm(options.pgOutputFormat(), c.serverVersionNum(), table);
        if (!text && c.serverVersionNum() < BINARY_PGOUTPUT_VERSION) {
            out.add(new StreamProblem(SERVER_TOO_OLD, "cdc.pgoutput_format binary needs PostgreSQL 14 or later; "
                    + "the server is " + c.parameter("server_version") + ": set cdc.pgoutput_format to auto or text"));
        }
        String walLevel = c.query("SHOW wal_level").value(0, 0);
        if (!"logical".equals(walLevel)) {
            out.add(new StreamProblem(WAL_LEVEL, "wal_level is " + walLevel + "; cdc needs wal_level = logical "
                    + "(ALTER SYSTEM SET wal_level = logical, then restart the server)"));
        }
        QueryResult role = c.query("SELECT rolreplication OR rolsuper FROM pg_catalog.pg_roles "
                + "WHERE rolname = current_user");
        if (role.rowCount() == 1 && !"t".equals(role.value(0, 0))) {
            out.add(new StreamProblem(NO_REPLICATION, "user " + user + " may not use replication: ALTER ROLE "
                    + Sql.ident(user) + " REPLICATION"));
        }
        String qualified = Sql.qualified(table.schema(), table.name());
        String identity = c.query("SELECT relreplident FROM pg_catalog.pg_class WHERE oid = "
                + Sql.literal(qualified, standardStrings) + "::regclass").value(0, 0);
        if (table.primaryKey().isEmpty() && !"f".equals(identity)) {
            out.add(new StreamProblem(NO_KEY, "table " + qualified + " has no primary key and its REPLICA IDENTITY "
                    + "is not FULL, so deletes and updates cannot name their row: add a primary key or ALTER TABLE "
                    + qualified + " REPLICA IDENTITY FULL"));
        } else if ("n".equals(identity)) {
            out.add(new StreamProblem(NO_KEY, "table " + qualified + " has REPLICA IDENTITY NOTHING: ALTER TABLE "
                    + qualified + " REPLICA IDENTITY DEFAULT (or FULL)"));
        }
        String publication = options.publicationName(table.streamName());
        QueryResult pub = c.query("SELECT p.pubinsert AND p.pubupdate AND p.pubdelete AND p.pubtruncate, EXISTS ("
                + "SELECT 1 FROM pg_catalog.pg_publication_tables t WHERE t.pubname = p.pubname AND t.schemaname = "
                + Sql.literal(table.schema(), standardStrings) + " AND t.tablename = "
                + Sql.literal(table.name(), standardStrings) + ") FROM pg_catalog.pg_publication p WHERE p.pubname = "
                + Sql.literal(publication, standardStrings));
        if (pub.rowCount() == 1 && !"t".equals(pub.value(0, 1))) {
            out.add(new StreamProblem(NOT_IN_PUBLICATION, "publication " + publication + " exists but does not "
                    + "include " + qualified + ": ALTER PUBLICATION " + publication + " ADD TABLE " + qualified
                    + " (or drop the publication and let the connector create it)"));
        } else if (pub.rowCount() == 1 && !"t".equals(pub.value(0, 0))) {
            out.add(new StreamProblem(NOT_IN_PUBLICATION, "publication " + publication + " does not publish every "
                    + "kind of change: ALTER PUBLICATION " + publication
                    + " SET (publish = 'insert, update, delete, truncate')"));
        }
        String slot = options.slotName(table.streamName());
        QueryResult s = c.query("SELECT active, coalesce(active_pid::text, ''), plugin, database = current_database(), "
                + "slot_type FROM pg_catalog.pg_replication_slots WHERE slot_name = "
                + Sql.literal(slot, standardStrings));
        if (s.rowCount() == 1) {
            if ("t".equals(s.value(0, 0))) {
                out.add(new StreamProblem(SLOT_IN_USE, "replication slot " + slot + " is in use by server process "
                        + s.value(0, 1) + ": another connector or task streams from it (two connectors on one table "
                        + "need different cdc.slot_prefix values; a task that is still stopping lets go within "
                        + "wal_sender_timeout)"));
            } else if (!"pgoutput".equals(s.value(0, 2)) || !"t".equals(s.value(0, 3))) {
                out.add(new StreamProblem(SLOT_MISMATCH, "replication slot " + slot + " exists but is not a pgoutput "
                        + "slot of this database (" + s.value(0, 4) + ", plugin " + s.value(0, 2)
                        + "): drop it or choose another cdc.slot_prefix"));
            }
        }
        for (int i = 0; i < table.columns().size(); i++) {
            ColumnMapping m = TypeMapper.map(table.columns().get(i));
            if (!text && !binaryDecodable(m)) {
                out.add(new StreamProblem(UNSUPPORTED_TYPE, "column \"" + m.column().name() + "\" of type "
                        + m.column().pgType() + " is read as text by a snapshot, and cdc cannot decode its binary "
                        + "form: set cdc.pgoutput_format to auto or text (the stream then carries values as text)"));
            } else if (text && m.cast() == ColumnMapping.Cast.TEXT_ARRAY && m.column().elementOid() == BOX_OID) {
                out.add(new StreamProblem(UNSUPPORTED_TYPE, "column \"" + m.column().name() + "\" of type "
                        + m.column().pgType() + ": the elements of a box array are separated by ';' in its text "
                        + "form, which cdc does not split"));
            }
        }
        return out;
    }

    /**
     * Whether the stream asks pgoutput for text: {@code text}; {@code auto} on a server without
     * binary pgoutput or for a table with a column whose binary form cdc cannot decode.
     */
    public static boolean textForm(CdcOptions.PgOutputFormat format, int serverVersionNum, SourceTable table) {
        if (format != CdcOptions.PgOutputFormat.AUTO) {
            return format == CdcOptions.PgOutputFormat.TEXT;
        }
        if (serverVersionNum < BINARY_PGOUTPUT_VERSION) {
            return true;
        }
        for (int i = 0; i < table.columns().size(); i++) {
            if (!binaryDecodable(TypeMapper.map(table.columns().get(i)))) {
                return true;
            }
        }
        return false;
    }

    /** Native mappings, enums (their binary form is the label) and numeric read as text. */
    static boolean binaryDecodable(ColumnMapping m) {
        return m.cast() == ColumnMapping.Cast.NONE || m.column().baseKind() == 'e' || RowDecoder.isNumericAsText(m);
    }
}
