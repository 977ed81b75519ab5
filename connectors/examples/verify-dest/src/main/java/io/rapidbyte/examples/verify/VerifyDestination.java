package io.rapidbyte.examples.verify;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.DestinationConnector;
import io.rapidbyte.sdk.StateScope;
import io.rapidbyte.sdk.WriteSummary;
import io.rapidbyte.sdk.arrow.ArrowFormatException;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * Example destination that writes nothing but verifies what it receives: it counts rows, keeps an
 * order-independent checksum ({@link RowChecksum}) and checks the batch metadata
 * ({@link BatchSequence}). After every batch it reports its progress three ways, so tests can
 * read it from whichever channel they watch:
 * <ul>
 *   <li>a dest checkpoint and a state value (stream scope, key {@value #STATE_KEY}), both
 *       {@code {"rows": n, "batches": b, "checksum": "<16 hex>", "last_seq": s}};</li>
 *   <li>metrics {@code verify.rows} and {@code verify.checksum} (the checksum as a signed 64-bit
 *       number, plus {@code "hex"}), also sent once at the end of a run without batches.</li>
 * </ul>
 * With {@code expect_rows} / {@code expect_checksum} a fully drained run fails with a {@code data}
 * error on a mismatch. {@code stop_after_batches} makes it return early without draining, for
 * channel-closed tests.
 *
 * <p>Called by the SDK's export dispatch on the guest's only thread.
 */
public final class VerifyDestination implements DestinationConnector {
    public static final String STATE_KEY = "verify";

    private VerifyConfig config;

    @Override
    public void open(JsonObject configJson) {
        config = VerifyConfig.parse(configJson);
    }

    @Override
    public WriteSummary write(Context ctx) {
        VerifyConfig cfg = config();
        BatchSequence sequence = new BatchSequence(ctx.stream());
        RowChecksum checksum = new RowChecksum();
        long batches = 0;
        boolean drained = false;
        while (cfg.stopAfterBatches() == 0 || batches < cfg.stopAfterBatches()) {
            byte[] ipc = ctx.nextBatch();
            if (ipc == null) {
                drained = true;
                break;
            }
            verifyBatch(ipc, sequence, checksum);
            batches++;
            String progress = Json.object().with("rows", checksum.rows()).with("batches", batches)
                    .with("checksum", checksum.hex()).with("last_seq", sequence.lastSeq()).toJson();
            ctx.checkpoint(progress);
            ctx.statePut(StateScope.STREAM, STATE_KEY, progress);
            sendMetrics(ctx, checksum);
        }
        if (batches == 0) {
            sendMetrics(ctx, checksum);
        }
        if (drained) {
            checkExpectations(cfg, checksum);
        } else {
            ctx.info("verify: stopped after " + batches + " batches without draining (stop_after_batches)");
        }
        return WriteSummary.of(ctx, checksum.rows(), 0);
    }

    private static void verifyBatch(byte[] ipc, BatchSequence sequence, RowChecksum checksum) {
        try {
            IpcStreamReader reader = new IpcStreamReader(ipc);
            sequence.accept(reader.schema());
            for (RecordBatch b = reader.next(); b != null; b = reader.next()) {
                checksum.add(b);
            }
        } catch (ArrowFormatException e) {
            throw ConnectorError.data("INVALID_BATCH", "verify: not a valid Arrow IPC stream: " + e.getMessage())
                    .toException();
        }
    }

    private static void sendMetrics(Context ctx, RowChecksum checksum) {
        ctx.metric(Json.object().with("name", "verify.rows").with("value", checksum.rows())
                .with("stream", ctx.stream()).toJson());
        ctx.metric(Json.object().with("name", "verify.checksum").with("value", checksum.value())
                .with("hex", checksum.hex()).with("stream", ctx.stream()).toJson());
    }

    private static void checkExpectations(VerifyConfig cfg, RowChecksum checksum) {
        if (cfg.expectRows() >= 0 && cfg.expectRows() != checksum.rows()) {
            throw ConnectorError.data("ROW_COUNT_MISMATCH", "verify: expected " + cfg.expectRows() + " rows, got "
                    + checksum.rows()).toException();
        }
        if (cfg.expectChecksum() != null && !cfg.expectChecksum().equals(checksum.hex())) {
            throw ConnectorError.data("CHECKSUM_MISMATCH", "verify: expected checksum " + cfg.expectChecksum()
                    + ", got " + checksum.hex()).toException();
        }
    }

    private VerifyConfig config() {
        if (config == null) {
            throw ConnectorError.internal("NOT_OPEN", "verify: open() has not succeeded").toException();
        }
        return config;
    }
}
