package io.rapidbyte.connect.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of an Arrow schema: {@code sha256:} and the first 128 bits (hex) of the SHA-256
 * of a canonical description of the fields — names, nullability, types with all their
 * parameters, dictionary encoding, children and field-level metadata (e.g.
 * {@code rapidbyte.pg_type}) — and the endianness. Schema-level metadata is left out on purpose:
 * it changes with every batch ({@code rapidbyte.seq}), the shape does not. Equal schemas written
 * by different Arrow writers get equal fingerprints, because the description is built from
 * decoded values with FlatBuffers defaults applied, never from raw bytes.
 *
 * <p>Every batch of a stream repeats its schema, so each thread keeps the description it built
 * last and its fingerprint: a schema described alike (compared character by character) reuses
 * the fingerprint, and only a new description is hashed. The builders are reused, so a repeated
 * schema costs the decoded names and metadata, not the description, its bytes and the digest.
 *
 * <p>Thread-safe: the builders and the remembered fingerprint are per thread.
 */
public final class SchemaFingerprint {
    /** Prefix of every fingerprint; it also keeps header converters from reading it as a number. */
    public static final String PREFIX = "sha256:";

    // Schema slots: endianness, fields. Field slots: name, nullable, type_type, type, dictionary, children, custom_metadata.
    private static final int SCHEMA_ENDIANNESS = 0;
    private static final int SCHEMA_FIELDS = 1;
    private static final int FIELD_NAME = 0;
    private static final int FIELD_NULLABLE = 1;
    private static final int FIELD_TYPE_TYPE = 2;
    private static final int FIELD_TYPE = 3;
    private static final int FIELD_DICTIONARY = 4;
    private static final int FIELD_CHILDREN = 5;
    private static final int FIELD_METADATA = 6;
    private static final int MAX_DEPTH = 64;
    /**
     * Fields visited per schema at most: FlatBuffers offsets may point anywhere, so a hostile
     * schema can list the same table as its own child many times; the budget keeps that linear.
     */
    private static final int MAX_FIELDS = 100_000;
    private static final int MAX_CHARS = 16 << 20;

    /** Descriptions longer than this are not kept for reuse (the builders would pin their memory). */
    private static final int MAX_REMEMBERED_CHARS = 64 * 1024;
    private static final ThreadLocal<LastSchema> LAST = ThreadLocal.withInitial(LastSchema::new);

    /** The description a thread built last with its fingerprint, and the builder for the next one. */
    private static final class LastSchema {
        StringBuilder next = new StringBuilder(1024);
        StringBuilder described = new StringBuilder(1024);
        String fingerprint;
    }

    private SchemaFingerprint() {
    }

    static String of(FlatTable schema) {
        LastSchema last = LAST.get();
        StringBuilder canonical = last.next;
        canonical.setLength(0);
        try {
            canonical.append("endianness=").append(schema.i16(SCHEMA_ENDIANNESS, 0)).append(';');
            fields(schema, canonical, 0, new int[] {MAX_FIELDS});
            if (last.fingerprint != null && canonical.compareTo(last.described) == 0) {
                return last.fingerprint;
            }
            String fingerprint = PREFIX + HexFormat.of().formatHex(sha256(canonical.toString()), 0, 16);
            if (canonical.length() <= MAX_REMEMBERED_CHARS) {
                last.next = last.described;
                last.described = canonical;
                last.fingerprint = fingerprint;
            }
            return fingerprint;
        } finally {
            if (last.next.capacity() > MAX_REMEMBERED_CHARS) {
                last.next = new StringBuilder(1024);
            }
        }
    }

    private static void fields(FlatTable owner, StringBuilder out, int depth, int[] budget) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFrameException("Arrow schema nests deeper than " + MAX_DEPTH + " levels");
        }
        int slot = owner == null ? -1 : (depth == 0 ? SCHEMA_FIELDS : FIELD_CHILDREN);
        int n = owner == null ? 0 : owner.vectorLength(slot);
        out.append('[');
        for (int i = 0; i < n; i++) {
            if (--budget[0] < 0 || out.length() > MAX_CHARS) {
                throw new InvalidFrameException("Arrow schema is too large (more than " + MAX_FIELDS
                        + " fields or " + MAX_CHARS + " characters of names and metadata)");
            }
            FlatTable field = owner.tableAt(slot, i);
            out.append('{');
            text(out, field, FIELD_NAME);
            out.append(field.bool(FIELD_NULLABLE) ? "null" : "notnull").append(',');
            out.append(TypeDescriptions.describe(field.u8(FIELD_TYPE_TYPE, 0), field.table(FIELD_TYPE))).append(',');
            FlatTable dictionary = field.table(FIELD_DICTIONARY);
            if (dictionary != null) {
                out.append(TypeDescriptions.dictionary(dictionary)).append(',');
            }
            fields(field, out, depth + 1, budget);
            metadata(field, out);
            out.append('}');
        }
        out.append(']');
    }

    /**
     * A field's metadata sorted by key. One entry with an ASCII key, the usual
     * {@code rapidbyte.pg_type}, needs no sorting and is appended straight from the buffer.
     */
    private static void metadata(FlatTable field, StringBuilder out) {
        int n = field.vectorLength(FIELD_METADATA);
        if (n == 0) {
            return;
        }
        if (n == 1) {
            FlatTable entry = field.tableAt(FIELD_METADATA, 0);
            int key = entry.asciiLength(0);
            int value = entry.asciiLength(1);
            if (key >= 0 && value >= 0 && (long) key + value <= ArrowStreamInspector.MAX_METADATA_CHARS) {
                text(out, entry, 0);
                out.append('=');
                text(out, entry, 1);
                return;
            }
        }
        Map<String, String> entries = ArrowStreamInspector.keyValues(field, FIELD_METADATA);
        Map<String, String> sorted = entries.size() == 1 ? entries : new TreeMap<>(entries);
        sorted.forEach((k, v) -> {
            text(out, k);
            out.append('=');
            text(out, v);
        });
    }

    /** {@link #text(StringBuilder, String)} of a string field, without decoding it when it is ASCII. */
    private static void text(StringBuilder out, FlatTable table, int slot) {
        int n = table.asciiLength(slot);
        if (n < 0) {
            text(out, table.string(slot));
            return;
        }
        out.append(n).append(':');
        table.appendAscii(slot, out);
        out.append(',');
    }

    /** Length-prefixed, so that no choice of names makes two schemas describe alike. */
    private static void text(StringBuilder out, String s) {
        String v = s == null ? "" : s;
        out.append(v.length()).append(':').append(v).append(',');
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
