package io.rapidbyte.postgres.wire;

/** Constants of PostgreSQL's binary COPY file format. */
final class BinaryCopyFormat {

    /** "PGCOPY\n\377\r\n\0". */
    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Signature, int32 flags, int32 header-extension length. */
    static final int HEADER_LENGTH = SIGNATURE.length + 8;
    /** Flags bit 16: each tuple carries an OID (servers before 12 only). */
    static final int FLAG_OIDS = 1 << 16;
    /** Flag bits 0-15 are critical: an unknown one means the data cannot be read. */
    static final int CRITICAL_FLAGS = 0xffff;
    /** Field count that marks the end of the data. */
    static final int TRAILER = -1;

    private BinaryCopyFormat() {
    }
}
