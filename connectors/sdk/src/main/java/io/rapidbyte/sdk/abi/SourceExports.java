package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.CheckpointKind;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.ReadSummary;
import io.rapidbyte.sdk.SourceConnector;
import org.teavm.interop.Export;

/**
 * Core-wasm exports of {@code rapidbyte:connector/source-connector@3.0.0} (ABI.md section 4), plus
 * {@code cabi_post_*} for each. TeaVM 0.13.1 keeps a class's {@code @Export} methods only once the
 * class is reached from {@code main}, which {@link #register} (called by
 * {@link io.rapidbyte.sdk.Rapidbyte#source}) guarantees. Single-threaded.
 */
public final class SourceExports {
    private static final String IFACE = "rapidbyte:connector/source-connector@3.0.0#";
    private static final String ROLE = "source";
    private static SourceConnector connector;

    private SourceExports() {
    }

    public static void register(SourceConnector impl) {
        CanonicalAbi.install();
        connector = impl;
    }

    @Export(name = IFACE + "open")
    public static int open(int configPtr, int configLen) {
        return ExportCalls.open(connector, ROLE, configPtr, configLen);
    }

    @Export(name = IFACE + "discover")
    public static int discover() {
        try {
            return ExportCalls.string(ExportCalls.require(connector, ROLE).discover().toJson());
        } catch (Throwable t) {
            return ExportCalls.error(t);
        }
    }

    @Export(name = IFACE + "validate")
    public static int validate() {
        return ExportCalls.validate(connector, ROLE);
    }

    @Export(name = IFACE + "run-read")
    public static int runRead(int ctxPtr, int ctxLen) {
        try {
            Context ctx = ExportCalls.context(ctxPtr, ctxLen, CheckpointKind.SOURCE);
            ReadSummary s = ExportCalls.require(connector, ROLE).read(ctx);
            if (s == null) {
                s = ReadSummary.of(ctx, 0, 0);
            }
            return ExportCalls.summary(s.recordsRead(), s.bytesRead(), s.batchesEmitted(), s.checkpointCount(),
                    s.recordsSkipped());
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

    @Export(name = "cabi_post_" + IFACE + "discover")
    public static void postDiscover(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "validate")
    public static void postValidate(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "run-read")
    public static void postRunRead(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "close")
    public static void postClose(int retptr) {
        ExportCalls.postReturn();
    }
}
