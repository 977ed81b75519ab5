package io.rapidbyte.dest.postgres.run;

import io.rapidbyte.sdk.BackoffClass;
import io.rapidbyte.sdk.CommitState;
import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.ErrorCategory;
import io.rapidbyte.sdk.ErrorScope;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame decoded as an Arrow IPC stream: the schema and every record batch (normally one),
 * all validated before anything of the frame is written. The batches are views into the
 * frame's bytes. Immutable.
 */
public final class DecodedFrame {
    public final Schema schema;
    public final List<RecordBatch> batches;
    public final int bytes;
    public final long rows;

    private DecodedFrame(Schema schema, List<RecordBatch> batches, int bytes, long rows) {
        this.schema = schema;
        this.batches = batches;
        this.bytes = bytes;
        this.rows = rows;
    }

    /**
     * @throws io.rapidbyte.sdk.ConnectorException data/INVALID_ARROW_IPC when the bytes are not a
     *         valid Arrow IPC stream the SDK reader supports
     */
    public static DecodedFrame decode(byte[] bytes, long batchNumber) {
        try {
            IpcStreamReader reader = new IpcStreamReader(bytes, 0, bytes.length);
            List<RecordBatch> batches = new ArrayList<>(1);
            long rows = 0;
            for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                batches.add(b);
                rows += b.rowCount();
            }
            return new DecodedFrame(reader.schema(), batches, bytes.length, rows);
        } catch (RuntimeException e) {
            // ArrowFormatException for malformed input; any other runtime failure of the reader on
            // hostile bytes means the same thing
            throw new ConnectorError(ErrorCategory.DATA, ErrorScope.PER_BATCH, "INVALID_ARROW_IPC",
                    "batch " + batchNumber + " of this run (" + bytes.length + " bytes) is not a valid Arrow IPC "
                            + "stream: " + e.getMessage(), false, null, BackoffClass.NORMAL, false,
                    CommitState.BEFORE_COMMIT, null).toException();
        }
    }
}
