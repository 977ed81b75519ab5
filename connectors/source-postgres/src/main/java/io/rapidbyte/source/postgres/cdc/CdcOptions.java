package io.rapidbyte.source.postgres.cdc;

import io.rapidbyte.postgres.guest.config.ConfigMembers;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * The {@code cdc} settings of source-postgres: how slots and publications are named and kept, and
 * how often changes are flushed and the slot is asked for its position. One slot and one
 * publication per stream, named {@code <prefix><schema>_<table>}: lower case, other characters
 * as {@code _}, and when that changed the name or it is over 63 bytes, cut and followed by a hash
 * of the stream name, so two streams never share a slot. Immutable.
 *
 * <p>{@code pgoutput_format} says in which form the replication stream carries values:
 * {@code binary} (each type's send form, decoded like binary COPY; PostgreSQL 14+), {@code text}
 * (each type's output text, parsed to the same Arrow values; any version, and the only form
 * for types whose binary form cdc cannot decode, such as money, ranges or geometric types), or
 * {@code auto} (the default): binary when the server has it and every column decodes in binary,
 * else text.
 */
public final class CdcOptions {
    /** What happens to a stream's slot and publication. */
    public enum SlotLifecycle {
        /** They outlive the connector; deleting it does not drop them (see the README). */
        RETAIN,
        /** A TEMPORARY slot, gone with its replication connection: every run snapshots again. */
        TEMPORARY
    }

    /** In which form pgoutput sends values (its {@code binary} option). */
    public enum PgOutputFormat { AUTO, BINARY, TEXT }

    public static final String DEFAULT_PREFIX = "rapidbyte_";
    private static final String[] MEMBERS = {"slot_prefix", "publication_prefix", "slot_lifecycle",
        "flush_interval_ms", "heartbeat_interval_ms", "pgoutput_format"};
    private static final int MAX_NAME = 63;
    private static final int MAX_PREFIX = 40;

    private final String slotPrefix;
    private final String publicationPrefix;
    private final SlotLifecycle lifecycle;
    private final long flushIntervalMs;
    private final long heartbeatIntervalMs;
    private final PgOutputFormat pgOutputFormat;

    CdcOptions(String slotPrefix, String publicationPrefix, SlotLifecycle lifecycle, long flushIntervalMs,
            long heartbeatIntervalMs, PgOutputFormat pgOutputFormat) {
        this.slotPrefix = slotPrefix;
        this.publicationPrefix = publicationPrefix;
        this.lifecycle = lifecycle;
        this.flushIntervalMs = flushIntervalMs;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.pgOutputFormat = pgOutputFormat;
    }

    public static CdcOptions defaults() {
        return new CdcOptions(DEFAULT_PREFIX, DEFAULT_PREFIX, SlotLifecycle.RETAIN, 200, 5000, PgOutputFormat.AUTO);
    }

    /** Parses the {@code cdc} member (null: defaults), adding each problem to {@code problems}. */
    public static CdcOptions parse(Object raw, ConfigMembers problems) {
        if (raw == null) {
            return defaults();
        }
        if (!(raw instanceof JsonObject)) {
            problems.problem("\"cdc\" must be an object");
            return defaults();
        }
        JsonObject o = (JsonObject) raw;
        problems.unknownMembers(o, new String[][] {MEMBERS}, "cdc.");
        String slot = prefix(o, "slot_prefix", problems);
        String publication = prefix(o, "publication_prefix", problems);
        String life = problems.choice(o, "slot_lifecycle", new String[] {"retain", "temporary"}, "retain", "cdc.");
        SlotLifecycle lifecycle = "temporary".equals(life) ? SlotLifecycle.TEMPORARY : SlotLifecycle.RETAIN;
        long flush = problems.integer(o, "flush_interval_ms", 200, 1, 60_000, "cdc.");
        long heartbeat = problems.integer(o, "heartbeat_interval_ms", 5000, 100, 20_000, "cdc.");
        String format = problems.choice(o, "pgoutput_format", new String[] {"auto", "binary", "text"}, "auto",
                "cdc.");
        PgOutputFormat pgOutput = "binary".equals(format) ? PgOutputFormat.BINARY
                : "text".equals(format) ? PgOutputFormat.TEXT : PgOutputFormat.AUTO;
        return new CdcOptions(slot, publication, lifecycle, flush, heartbeat, pgOutput);
    }

    public String slotName(String stream) {
        return name(slotPrefix, stream);
    }

    public String publicationName(String stream) {
        return name(publicationPrefix, stream);
    }

    public SlotLifecycle lifecycle() {
        return lifecycle;
    }

    public long flushIntervalMs() {
        return flushIntervalMs;
    }

    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    public PgOutputFormat pgOutputFormat() {
        return pgOutputFormat;
    }

    /** {@code prefix + schema_table}, made a valid slot name (see the class comment). */
    static String name(String prefix, String stream) {
        StringBuilder b = new StringBuilder(prefix);
        boolean changed = false;
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c == '.' && stream.indexOf('.') == i) {
                b.append('_');
            } else if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '_') {
                b.append(lower);
                changed |= lower != c;
            } else {
                b.append('_');
                changed = true;
            }
        }
        if (!changed && b.length() <= MAX_NAME) {
            return b.toString();
        }
        String hash = hash(stream);
        if (b.length() > MAX_NAME - hash.length() - 1) {
            b.setLength(MAX_NAME - hash.length() - 1);
        }
        return b.append('_').append(hash).toString();
    }

    /** 32-bit FNV-1a of the name's UTF-16 units, 8 hex digits. */
    private static String hash(String s) {
        int h = 0x811c9dc5;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x01000193;
        }
        String hex = Integer.toHexString(h);
        return "00000000".substring(hex.length()) + hex;
    }

    private static String prefix(JsonObject o, String key, ConfigMembers problems) {
        String s = problems.string(o, key, false, "cdc.");
        if (s == null) {
            return DEFAULT_PREFIX;
        }
        boolean ok = !s.isEmpty() && s.length() <= MAX_PREFIX;
        for (int i = 0; ok && i < s.length(); i++) {
            char c = s.charAt(i);
            ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        }
        if (!ok) {
            problems.problem("\"cdc." + key + "\" must be 1 to " + MAX_PREFIX + " lower-case letters, digits or "
                    + "underscores, starting with a letter or underscore");
            return DEFAULT_PREFIX;
        }
        return s;
    }
}
