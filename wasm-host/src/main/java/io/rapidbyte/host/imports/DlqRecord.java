package io.rapidbyte.host.imports;

import java.util.Objects;

/**
 * One {@code emit-dlq-record} call: a record the connector could not process. Immutable.
 *
 * @param recordJson    the record as JSON (checked to be well-formed)
 * @param errorCategory free text from the guest, conventionally a WIT error-category name
 */
public record DlqRecord(String stream, String recordJson, String errorMessage, String errorCategory) {
    public DlqRecord {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(recordJson, "recordJson");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(errorCategory, "errorCategory");
    }
}
