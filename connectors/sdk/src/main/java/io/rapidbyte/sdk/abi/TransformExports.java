package io.rapidbyte.sdk.abi;

import io.rapidbyte.sdk.CheckpointKind;
import io.rapidbyte.sdk.Context;
import io.rapidbyte.sdk.TransformConnector;
import io.rapidbyte.sdk.TransformSummary;
import org.teavm.interop.Export;

/**
 * Core-wasm exports of {@code rapidbyte:connector/transform-connector@3.0.0} (ABI.md section 4), plus
 * {@code cabi_post_*} for each. TeaVM 0.13.1 keeps a class's {@code @Export} methods only once the
 * class is reached from {@code main}, which {@link #register} (called by
 * {@link io.rapidbyte.sdk.Rapidbyte#transform}) guarantees. Single-threaded.
 */
public final class TransformExports {
    private static final String IFACE = "rapidbyte:connector/transform-connector@3.0.0#";
    private static final String ROLE = "transform";
    private static TransformConnector connector;

    private TransformExports() {
    }

    public static void register(TransformConnector impl) {
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

    @Export(name = IFACE + "run-transform")
    public static int runTransform(int ctxPtr, int ctxLen) {
        try {
            Context ctx = ExportCalls.context(ctxPtr, ctxLen, CheckpointKind.TRANSFORM);
            TransformSummary s = ExportCalls.require(connector, ROLE).transform(ctx);
            if (s == null) {
                s = TransformSummary.of(ctx, 0, 0);
            }
            return ExportCalls.summary(s.recordsIn(), s.recordsOut(), s.bytesIn(), s.bytesOut(), s.batchesProcessed());
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

    @Export(name = "cabi_post_" + IFACE + "run-transform")
    public static void postRunTransform(int retptr) {
        ExportCalls.postReturn();
    }

    @Export(name = "cabi_post_" + IFACE + "close")
    public static void postClose(int retptr) {
        ExportCalls.postReturn();
    }
}
