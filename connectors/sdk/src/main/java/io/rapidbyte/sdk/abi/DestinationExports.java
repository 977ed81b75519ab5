package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.CheckpointKind;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.DestinationConnector;
import io.rapidbyte.sdk.WriteSummary;
import org.teavm.interop.Export;

/**
 * Core-wasm exports of {@code rapidbyte:connector/dest-connector@3.0.0} (ABI.md section 4), plus
 * {@code cabi_post_*} for each. TeaVM 0.13.1 keeps a class's {@code @Export} methods only once the
 * class is reached from {@code main}, which {@link #register} (called by
 * {@link io.rapidbyte.sdk.Rapidbyte#destination}) guarantees. Single-threaded.
 */
public final class DestinationExports {
    private static final String IFACE = "rapidbyte:connector/dest-connector@3.0.0#";
    private static final String ROLE = "destination";
    private static DestinationConnector connector;

    private DestinationExports() {
    }

    public static void register(DestinationConnector impl) {
        CanonicalAbi.install();
        connector = impl;
    }

    @Export(name = IFACE + "open")
    public static int open(int configPtr, int configLen) {
        return ExportCalls.open(connector, ROLE, configPtr, configLen);
    }

    @Export(name = IFACE + "validate")
    public static int validate() {
        return ExportCalls.validate(connector, ROLE);
    }

    @Export(name = IFACE + "run-write")
    public static int runWrite(int ctxPtr, int ctxLen) {
        try {
            Context ctx = ExportCalls.context(ctxPtr, ctxLen, CheckpointKind.DEST);
            WriteSummary s = ExportCalls.require(connector, ROLE).write(ctx);
            if (s == null) {
                s = WriteSummary.of(ctx, 0, 0);
            }
            return ExportCalls.summary(s.recordsWritten(), s.bytesWritten(), s.batchesWritten(), s.checkpointCount(), s.recordsFailed());
        } catch (Throwable t) {
            return ExportCalls.error(t);
        }
    }

    @Export(name = IFACE + "close")
    public static int close() {
        return ExportCalls.close(connector, ROLE);
    }

    @Export(name = "cabi_post_" + IFACE + "open")
    public static void postOpen(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "validate")
    public static void postValidate(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "run-write")
    public static void postRunWrite(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "close")
    public static void postClose(int retptr) {
        ExportCalls.postReturn();
    }
}
