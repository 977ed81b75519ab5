package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.BigEndian;

/**
 * Parses a binary COPY stream (from {@link CopyOut} or any {@link CopyDataSource})
 * into tuples: checks the header, then yields one tuple per {@link #next()}
 * until the trailer, after which it drains the source so the connection is idle.
 *
 * <p>Field values are views: {@link #buffer()} with {@link #offset(int)} and
 * {@link #length(int)} (-1 for NULL), valid until the next {@code next()}. When a
 * tuple lies inside one CopyData message (PostgreSQL sends one per row) the view
 * points into the connection's receive buffer and nothing is copied; a tuple
 * split across messages is gathered into a private buffer first. Decode values
 * with the codecs in {@code io.rapidbyte.postgres.wire.binary}.
 *
 * <p>If the data is malformed, {@link #next()} throws a protocol-violation
 * {@link PgException} and the COPY is left unfinished: close the {@link CopyOut}
 * (which drains it) or the connection before using the connection again.
 *
 * <p>Owned by one consumer; not thread-safe.
 */
public final class BinaryCopyReader {

    private static final int ASSEMBLY_INITIAL = 64 * 1024;
    private static final int ASSEMBLY_RETAIN_MAX = 4 * 1024 * 1024;

    private final CopyDataSource source;
    private byte[] chunk;
    private int pos;
    private int end;
    private boolean headerDone;
    private boolean trailerSeen;
    private boolean sourceDone;

    private byte[] assembly = new byte[ASSEMBLY_INITIAL];
    private int assemblyLen;

    private byte[] tupleBuf;
    private int fieldCount;
    private int[] offsets = new int[64];
    private int[] lengths = new int[64];
    private long tuples;

    public BinaryCopyReader(CopyDataSource source) {
        this.source = source;
    }

    /**
     * Advances to the next tuple.
     *
     * @return false after the trailer (the source has then been read to its end)
     * @throws PgException from the source, or a protocol violation if the data is
     *                     not a well-formed binary COPY stream
     */
    public boolean next() throws PgException {
        if (trailerSeen) {
            return false;
        }
        if (!headerDone) {
            readHeader();
        }
        if (pos == end && !nextChunk()) {
            throw PgException.protocolViolation("binary COPY data ended without a trailer");
        }
        if (!parseInChunk()) {
            parseAcrossChunks();
        }
        if (fieldCount == BinaryCopyFormat.TRAILER) {
            trailerSeen = true;
            tupleBuf = null;
            fieldCount = 0;
            drain();
            return false;
        }
        tuples++;
        return true;
    }

    /** Fields in the current tuple. */
    public int fieldCount() {
        return fieldCount;
    }

    /** Buffer holding every field of the current tuple. */
    public byte[] buffer() {
        return tupleBuf;
    }

    public int offset(int field) {
        return offsets[field];
    }

    /** Byte length of {@code field}, or -1 for NULL. */
    public int length(int field) {
        return lengths[field];
    }

    public boolean isNull(int field) {
        return lengths[field] < 0;
    }

    /**
     * The offsets of the current tuple's fields in {@link #buffer()}, element {@code i} for field
     * {@code i} (entries past {@link #fieldCount()} are stale). The reader's own array, valid and
     * unchanged until the next {@code next()}: for hot loops that would otherwise call
     * {@link #offset(int)} per field. Do not modify.
     */
    public int[] offsets() {
        return offsets;
    }

    /** The lengths of the current tuple's fields (-1 for NULL); like {@link #offsets()}. Do not modify. */
    public int[] lengths() {
        return lengths;
    }

    /** Tuples returned so far. */
    public long tupleCount() {
        return tuples;
    }

    /** Bytes held by the reader itself (the assembly buffer), for memory accounting. */
    public int retainedBytes() {
        return assembly.length;
    }

    private void readHeader() throws PgException {
        assemblyLen = 0;
        gather(BinaryCopyFormat.HEADER_LENGTH);
        for (int i = 0; i < BinaryCopyFormat.SIGNATURE.length; i++) {
            if (assembly[i] != BinaryCopyFormat.SIGNATURE[i]) {
                throw PgException.protocolViolation("not a binary COPY stream (bad signature)");
            }
        }
        int flags = BigEndian.int32(assembly, BinaryCopyFormat.SIGNATURE.length);
        if ((flags & BinaryCopyFormat.CRITICAL_FLAGS) != 0) {
            throw PgException.protocolViolation("binary COPY header has unknown critical flags");
        }
        if ((flags & BinaryCopyFormat.FLAG_OIDS) != 0) {
            throw PgException.protocolViolation("binary COPY WITH OIDS is not supported");
        }
        int ext = BigEndian.int32(assembly, BinaryCopyFormat.SIGNATURE.length + 4);
        if (ext < 0) {
            throw PgException.protocolViolation("negative binary COPY header extension length");
        }
        skip(ext);
        headerDone = true;
    }

    /** Fast path: the whole tuple is in the current chunk; records views into it. */
    private boolean parseInChunk() throws PgException {
        byte[] b = chunk;
        int p = pos;
        if (end - p < 2) {
            return false;
        }
        int n = BigEndian.int16(b, p);
        p += 2;
        if (n == BinaryCopyFormat.TRAILER) {
            pos = p;
            fieldCount = n;
            return true;
        }
        checkFieldCount(n);
        // Locals, not fields, in the per-field loop: in the guest each field read is a memory load
        // the loop would repeat for every field (checkFieldCount may have replaced the arrays).
        int e = end;
        int[] offs = offsets;
        int[] lens = lengths;
        for (int i = 0; i < n; i++) {
            if (e - p < 4) {
                return false;
            }
            int len = BigEndian.int32(b, p); // inlined by TeaVM: a range check and one load
            p += 4;
            if (len < -1) {
                throw negativeLength(len);
            }
            offs[i] = p;
            lens[i] = len;
            if (len > 0) {
                if (e - p < len) {
                    return false;
                }
                p += len;
            }
        }
        pos = p;
        fieldCount = n;
        tupleBuf = b;
        return true;
    }

    // Out of line so the message building is not inlined into the per-tuple loop.
    private static PgException negativeLength(int len) {
        return PgException.protocolViolation("negative binary COPY field length " + len);
    }

    /** Slow path: gathers exactly the tuple's bytes from successive chunks. */
    private void parseAcrossChunks() throws PgException {
        if (assembly.length > ASSEMBLY_RETAIN_MAX) {
            assembly = new byte[ASSEMBLY_INITIAL]; // an earlier huge tuple grew it
        }
        assemblyLen = 0;
        gather(2);
        int n = BigEndian.int16(assembly, 0);
        if (n == BinaryCopyFormat.TRAILER) {
            fieldCount = n;
            return;
        }
        checkFieldCount(n);
        int p = 2;
        for (int i = 0; i < n; i++) {
            gather(p + 4);
            int len = BigEndian.int32(assembly, p);
            p += 4;
            if (len < -1) {
                throw PgException.protocolViolation("negative binary COPY field length " + len);
            }
            offsets[i] = p;
            lengths[i] = len;
            if (len > 0) {
                gather(p + len);
                p += len;
            }
        }
        fieldCount = n;
        tupleBuf = assembly;
    }

    private void checkFieldCount(int n) throws PgException {
        if (n < 0) {
            throw PgException.protocolViolation("invalid binary COPY field count " + n);
        }
        if (n > offsets.length) {
            offsets = new int[n];
            lengths = new int[n];
        }
    }

    /** Appends chunk bytes to the assembly buffer until it holds {@code n} bytes. */
    private void gather(int n) throws PgException {
        if (n < 0) {
            throw PgException.protocolViolation("binary COPY tuple too large");
        }
        if (assembly.length < n) {
            byte[] grown = new byte[Math.max(n, (int) Math.min(Integer.MAX_VALUE - 16, assembly.length * 2L))];
            System.arraycopy(assembly, 0, grown, 0, assemblyLen);
            assembly = grown;
        }
        while (assemblyLen < n) {
            if (pos == end && !nextChunk()) {
                throw PgException.protocolViolation("binary COPY data ended inside a tuple");
            }
            int take = Math.min(n - assemblyLen, end - pos);
            System.arraycopy(chunk, pos, assembly, assemblyLen, take);
            pos += take;
            assemblyLen += take;
        }
    }

    private void skip(int n) throws PgException {
        while (n > 0) {
            if (pos == end && !nextChunk()) {
                throw PgException.protocolViolation("binary COPY header extension truncated");
            }
            int take = Math.min(n, end - pos);
            pos += take;
            n -= take;
        }
    }

    private boolean nextChunk() throws PgException {
        if (sourceDone) {
            return false;
        }
        if (!source.next()) {
            sourceDone = true;
            chunk = null;
            pos = 0;
            end = 0;
            return false;
        }
        chunk = source.buffer();
        pos = source.offset();
        end = pos + source.length();
        return true;
    }

    /** After the trailer nothing may follow; reading to the end frees the connection. */
    private void drain() throws PgException {
        boolean extra = pos != end;
        while (nextChunk()) {
            extra |= end > pos;
        }
        if (extra) {
            throw PgException.protocolViolation("data after binary COPY trailer");
        }
    }
}
