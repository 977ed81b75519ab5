package io.rapidbyte.source.postgres;

import io.rapidbyte.host.channels.BatchOutput;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.imports.HostListener;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.ConnectorModule;
import io.rapidbyte.host.lifecycle.InstanceLimits;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.sockets.NetworkAcl;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.CheckpointKind;
import io.rapidbyte.host.types.ConnectorError;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.LogLevel;
import io.rapidbyte.host.types.ReadSummary;
import io.rapidbyte.host.types.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the real {@code source-postgres.wasm} (built into target/classes by the rapidbyte-wasm
 * profile) in the real host and records what it does: emitted frames, checkpoints, metrics and log
 * lines. One instance per call, like one connector run in production.
 */
final class SourceRun {
    private static ConnectorModule module;

    /** Everything one run produced. {@code error} is set when an export failed. */
    static final class Result {
        final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
        final List<String> checkpoints = Collections.synchronizedList(new ArrayList<>());
        final List<String> metrics = Collections.synchronizedList(new ArrayList<>());
        final List<String> logs = Collections.synchronizedList(new ArrayList<>());
        /** Frames and sockets the guest still held when the instance was torn down. */
        int leakedFrames = -1;
        int leakedSockets = -1;
        ReadSummary summary;
        String catalog;
        ValidationResult validation;
        ConnectorException error;

        String lastCheckpoint() {
            return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        }

        String allText() {
            return String.join("\n", logs) + "\n" + String.join("\n", checkpoints) + "\n"
                    + (error == null ? "" : error.error().toString() + " " + error.error().detailsJson());
        }
    }

    private final String config;
    private List<String> acl;
    private InstanceLimits limits = InstanceLimits.DEFAULT;
    private int failAfterBatches = -1;

    private SourceRun(String config, List<String> acl) {
        this.config = config;
        this.acl = acl;
    }

    /** A run with {@code config} (JSON) that may reach only {@code 127.0.0.1:<port>}. */
    static SourceRun of(String config, int port) {
        return new SourceRun(config, List.of("127.0.0.1:" + port));
    }

    SourceRun acl(List<String> rules) {
        this.acl = rules;
        return this;
    }

    SourceRun limits(InstanceLimits instanceLimits) {
        this.limits = instanceLimits;
        return this;
    }

    /** The downstream refuses the batch after {@code k} delivered ones (a stage that went away). */
    SourceRun failAfterBatches(int k) {
        this.failAfterBatches = k;
        return this;
    }

    static synchronized ConnectorModule module() {
        if (module == null) {
            try (InputStream in = SourceRun.class.getResourceAsStream("/rapidbyte/connectors/source-postgres.wasm")) {
                if (in == null) {
                    throw new IllegalStateException("source-postgres.wasm is not on the test class path; "
                            + "build with mvn -pl connectors/source-postgres test (process-classes builds it)");
                }
                module = ConnectorModule.load(in.readAllBytes()).requireRole(Role.SOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return module;
    }

    Result read(String stream, String resumeJson, String limitsJson) {
        String ctx = "{\"stream\":\"" + stream + "\",\"limits\":" + (limitsJson == null ? "null" : limitsJson)
                + ",\"resume\":" + (resumeJson == null ? "null" : resumeJson) + "}";
        return call(instance -> instance.runRead(ctx), (r, v) -> r.summary = v);
    }

    /** A run-read of one range of {@code stream} ({@code rangeJson}: an entry of its discover "ranges"). */
    Result readRange(String stream, String resumeJson, String rangeJson) {
        String ctx = "{\"stream\":\"" + stream + "\",\"limits\":null,\"resume\":"
                + (resumeJson == null ? "null" : resumeJson) + ",\"range\":" + rangeJson + "}";
        return call(instance -> instance.runRead(ctx), (r, v) -> r.summary = v);
    }

    Result discover() {
        return call(ConnectorInstance::discover, (r, v) -> r.catalog = v);
    }

    Result validate() {
        return call(ConnectorInstance::validate, (r, v) -> r.validation = v);
    }

    private interface Export<T> {
        T apply(ConnectorInstance instance);
    }

    private interface Sink<T> {
        void accept(Result r, T value);
    }

    private <T> Result call(Export<T> export, Sink<T> sink) {
        Result result = new Result();
        HostListener listener = new HostListener() {
            @Override
            public void onLog(String connector, LogLevel level, String message) {
                result.logs.add(level + " " + message);
            }

            @Override
            public void onCheckpoint(String connector, CheckpointKind kind, String stream, String payloadJson) {
                result.checkpoints.add(payloadJson);
            }

            @Override
            public void onMetric(String connector, String payloadJson) {
                result.metrics.add(payloadJson);
            }

            @Override
            public void onTeardown(String connector, int leakedFrames, int leakedSockets) {
                result.leakedFrames = leakedFrames;
                result.leakedSockets = leakedSockets;
            }
        };
        BatchOutput output = new BatchOutput() {
            @Override
            public void emit(FramePayload batch) {
                if (failAfterBatches >= 0 && result.frames.size() >= failAfterBatches) {
                    throw new ConnectorException(ConnectorError.of(ErrorCategory.INTERNAL, "CHANNEL_CLOSED",
                            "test downstream stopped after " + failAfterBatches + " batches"));
                }
                result.frames.add(batch.toByteArray());
            }

            @Override
            public void finish() {
            }

            @Override
            public void fail(Throwable cause) {
            }
        };
        try (ConnectorInstance instance = ConnectorInstance.builder(module(), Role.SOURCE)
                .name("source-postgres-test")
                .limits(limits)
                .network(NetworkAcl.of(acl), SocketOptions.DEFAULT)
                .listener(listener)
                .output(output)
                .build()) {
            instance.open(config);
            sink.accept(result, export.apply(instance));
        } catch (ConnectorException e) {
            result.error = e;
        }
        return result;
    }
}
