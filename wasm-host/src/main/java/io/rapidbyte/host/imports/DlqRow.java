package io.rapidbyte.host.imports;

import io.rapidbyte.host.frames.FramePayload;
import java.util.Objects;

/**
 * One {@code emit-dlq-row} call: a row the connector refused, as its own one-row Arrow IPC
 * stream, with the WIT {@code row-error}. The payload left the guest's frame table when the call
 * consumed the frame; it is immutable and may be kept or handed to other threads. Immutable.
 *
 * @param stream  the stream the instance runs
 * @param row     the sealed frame's bytes; the host has not checked them (embedders do)
 * @param column  the column blamed, or null when the connector did not say
 * @param code    a SQLSTATE or the connector's own code
 * @param message why, for humans
 */
public record DlqRow(String stream, FramePayload row, String column, String code, String message) {
    public DlqRow {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
