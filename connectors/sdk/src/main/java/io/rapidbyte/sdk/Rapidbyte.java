package io.rapidbyte.sdk;

import io.rapidbyte.sdk.abi.DestinationExports;
import io.rapidbyte.sdk.abi.Host;
import io.rapidbyte.sdk.abi.SourceExports;
import io.rapidbyte.sdk.abi.TransformExports;

/**
 * Registration of a connector implementation. A connector's {@code main} (run once by the host's
 * {@code _start}) calls exactly one of {@link #source}, {@link #destination}, {@link #transform}
 * (a test guest may call several). Registering also makes TeaVM compile that role's
 * {@code @Export} functions into the module, and checks the SDK arena (trapping with a message if
 * the module was not built by {@code rapidbyte-wasm-build}).
 *
 * <p>Call from {@code main} only; the wasm guest is single-threaded.
 */
public final class Rapidbyte {
    private Rapidbyte() {
    }

    /** Serves {@code rapidbyte:connector/source-connector@3.0.0} with {@code connector}. */
    public static void source(SourceConnector connector) {
        SourceExports.register(connector);
    }

    /** Serves {@code rapidbyte:connector/dest-connector@3.0.0} with {@code connector}. */
    public static void destination(DestinationConnector connector) {
        DestinationExports.register(connector);
    }

    /** Serves {@code rapidbyte:connector/transform-connector@3.0.0} with {@code connector}. */
    public static void transform(TransformConnector connector) {
        TransformExports.register(connector);
    }

    /** {@code log} outside a run (e.g. from {@code open}). */
    public static void log(LogLevel level, String message) {
        Host.log(level.ordinal(), message);
    }
}
