package io.rapidbyte.host.imports;

import static io.rapidbyte.host.imports.HostImports.function;
import static io.rapidbyte.host.imports.HostImports.i32;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.ValType;
import io.rapidbyte.host.abi.AbiTrap;
import io.rapidbyte.host.abi.CanonicalEnums;
import io.rapidbyte.host.abi.GuestMemory;
import io.rapidbyte.host.abi.JsonText;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.ErrorCodes;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.StateScope;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Control-plane host functions: {@code log}, {@code checkpoint}, {@code metric},
 * {@code emit-dlq-record}, {@code emit-dlq-row}, {@code state-get}, {@code state-put}, {@code state-cas},
 * {@code durable-checkpoint}.
 *
 * <p>Strings crossing here are small control data and are not counted as payload copies.
 * JSON parameters must be well-formed ({@code INVALID_ARGUMENT} otherwise); state store
 * failures other than a {@link ConnectorException} become {@code STATE_FAILED}.
 */
final class ControlImports {
    private static final ValType I32 = ValType.I32;

    private final HostContext ctx;
    private final GuestBinding guest;

    ControlImports(HostContext ctx, GuestBinding guest) {
        this.ctx = ctx;
        this.guest = guest;
    }

    List<HostFunction> functions() {
        return List.of(
                function(guest, "log", List.of(I32, I32, I32), (inst, a) -> log(i32(a[0]), i32(a[1]), i32(a[2]))),
                function(guest, "checkpoint", List.of(I32, I32, I32, I32),
                        (inst, a) -> checkpoint(i32(a[0]), i32(a[1]), i32(a[2]), i32(a[3]))),
                function(guest, "metric", List.of(I32, I32, I32), (inst, a) -> metric(i32(a[0]), i32(a[1]), i32(a[2]))),
                function(guest, "emit-dlq-record", Collections.nCopies(9, I32), (inst, a) -> dlq(a)),
                function(guest, "emit-dlq-row", Collections.nCopies(9, I32), (inst, a) -> dlqRow(a)),
                function(guest, "state-get", List.of(I32, I32, I32, I32),
                        (inst, a) -> stateGet(i32(a[0]), i32(a[1]), i32(a[2]), i32(a[3]))),
                function(guest, "state-put", Collections.nCopies(6, I32), (inst, a) -> statePut(a)),
                function(guest, "state-cas", Collections.nCopies(9, I32), (inst, a) -> stateCas(a)),
                function(guest, "durable-checkpoint", List.of(I32), (inst, a) -> durableCheckpoint(i32(a[0]))));
    }

    /** No result to report through, so a bad level or pointer traps; bad UTF-8 is tolerated. */
    private long[] log(int level, int ptr, int len) {
        return HostCalls.withoutResult("log", () -> {
            if (level < 0 || level >= LogLevel.values().length) {
                throw new AbiTrap("log: " + level + " is not a log-level");
            }
            String message = guest.memory().readStringLossy(ptr, len);
            ctx.listener().onLog(ctx.connector(), LogLevel.values()[level], message);
        });
    }

    private long[] checkpoint(int kind, int ptr, int len, int retptr) {
        return HostCalls.withResult("checkpoint", guest, retptr, out -> {
            CheckpointKind k = CanonicalEnums.decode(CheckpointKind.values(), kind, "checkpoint-kind");
            String payload = json(ptr, len, "checkpoint payload-json");
            String lost = ctx.frames().lostIncoming();
            if (lost != null) {
                // A dest checkpoint would confirm the lost batch; any other would cover what
                // followed a lost socket read. Neither may happen.
                throw new ConnectorException(ConnectorError.frame(ErrorCodes.FRAME_LIMIT_EXCEEDED,
                        "checkpoint refused: an incoming frame was lost earlier in this run (" + lost + ")"));
            }
            ctx.listener().onCheckpoint(ctx.connector(), k, ctx.namespaces().stream(), payload);
            out.ok();
        });
    }

    private long[] metric(int ptr, int len, int retptr) {
        return HostCalls.withResult("metric", guest, retptr, out -> {
            String payload = json(ptr, len, "metric payload-json");
            ctx.listener().onMetric(ctx.connector(), payload);
            out.ok();
        });
    }

    private long[] dlq(long[] a) {
        return HostCalls.withResult("emit-dlq-record", guest, i32(a[8]), out -> {
            GuestMemory m = guest.memory();
            String stream = m.readString(i32(a[0]), i32(a[1]));
            String record = json(i32(a[2]), i32(a[3]), "emit-dlq-record record-json");
            String message = m.readString(i32(a[4]), i32(a[5]));
            String category = m.readString(i32(a[6]), i32(a[7]));
            ctx.listener().onDlqRecord(ctx.connector(), new DlqRecord(stream, record, message, category));
            out.ok();
        });
    }

    private long[] dlqRow(long[] a) {
        return HostCalls.withResult("emit-dlq-row", guest, i32(a[8]), out -> {
            // Consume first: own<frame> is gone even when the call fails (ABI.md).
            FramePayload row = ctx.frames().consume(i32(a[0]));
            GuestMemory m = guest.memory();
            boolean hasColumn = CanonicalEnums.optionTag(i32(a[1]), "emit-dlq-row column");
            String column = hasColumn ? m.readString(i32(a[2]), i32(a[3])) : null;
            String code = m.readString(i32(a[4]), i32(a[5]));
            String message = m.readString(i32(a[6]), i32(a[7]));
            ctx.listener().onDlqRow(ctx.connector(), new DlqRow(ctx.namespaces().stream(), row, column, code, message));
            out.ok();
        });
    }

    private long[] stateGet(int scope, int keyPtr, int keyLen, int retptr) {
        return HostCalls.withResult("state-get", guest, retptr, out -> {
            String ns = namespace(scope);
            String key = guest.memory().readString(keyPtr, keyLen);
            Optional<String> value = store(() -> ctx.state().get(ns, key));
            // Only now, with every parameter copied out, may the guest be re-entered.
            out.okOptionSlice(value.isPresent() ? guest.lowering().string(value.get()) : null);
        });
    }

    private long[] statePut(long[] a) {
        return HostCalls.withResult("state-put", guest, i32(a[5]), out -> {
            String ns = namespace(i32(a[0]));
            String key = guest.memory().readString(i32(a[1]), i32(a[2]));
            String value = guest.memory().readString(i32(a[3]), i32(a[4]));
            store(() -> {
                ctx.state().put(ns, key, value);
                return null;
            });
            out.ok();
        });
    }

    private long[] stateCas(long[] a) {
        return HostCalls.withResult("state-cas", guest, i32(a[8]), out -> {
            String ns = namespace(i32(a[0]));
            String key = guest.memory().readString(i32(a[1]), i32(a[2]));
            boolean hasExpected = CanonicalEnums.optionTag(i32(a[3]), "state-cas expected");
            String expected = hasExpected ? guest.memory().readString(i32(a[4]), i32(a[5])) : null;
            String newValue = guest.memory().readString(i32(a[6]), i32(a[7]));
            out.okBool(store(() -> ctx.state().compareAndSet(ns, key, expected, newValue)));
        });
    }

    private long[] durableCheckpoint(int retptr) {
        return HostCalls.withResult("durable-checkpoint", guest, retptr, out -> {
            Optional<String> value = ctx.listener().durableCheckpoint(ctx.connector(), ctx.namespaces().stream());
            out.okOptionSlice(value != null && value.isPresent() ? guest.lowering().string(value.get()) : null);
        });
    }

    private String namespace(int scope) {
        return ctx.namespaces().namespace(CanonicalEnums.decode(StateScope.values(), scope, "state-scope"));
    }

    private String json(int ptr, int len, String what) {
        String text = guest.memory().readString(ptr, len);
        if (!JsonText.isValid(text)) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.INVALID_ARGUMENT,
                    what + " is not well-formed JSON"));
        }
        return text;
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T call();
    }

    /** Store failures that are not already connector errors become STATE_FAILED. */
    private static <T> T store(StoreCall<T> call) {
        try {
            return call.call();
        } catch (ConnectorException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, ErrorCodes.STATE_FAILED,
                    "state store failed: " + e), e);
        }
    }
}
