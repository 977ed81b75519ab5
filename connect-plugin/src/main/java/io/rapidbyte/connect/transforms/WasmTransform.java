package io.rapidbyte.connect.transforms;

import io.rapidbyte.connect.Version;
import io.rapidbyte.connect.config.ConnectorSetup;
import io.rapidbyte.connect.guest.Slf4jHostListener;
import io.rapidbyte.connect.records.ArrowStreamInspector;
import io.rapidbyte.connect.records.FrameHeaders;
import io.rapidbyte.connect.records.FrameSummary;
import io.rapidbyte.connect.records.InvalidFrameException;
import io.rapidbyte.connect.records.IpcStreamConcat;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.lifecycle.BatchTransform;
import io.rapidbyte.host.lifecycle.ConnectorInstance;
import io.rapidbyte.host.lifecycle.GuestCallException;
import io.rapidbyte.host.lifecycle.Role;
import io.rapidbyte.host.lifecycle.TransformOutcome;
import io.rapidbyte.host.sockets.SocketOptions;
import io.rapidbyte.host.types.ConnectorException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A Connect single-message transform that runs a transform-world wasm module (e.g. the bundled
 * {@code example-mask}) on one record's Arrow IPC value, for chains that mix Rapidbyte connectors
 * with other Kafka tooling. Each record is one {@code run-transform} call with that one batch
 * ({@link BatchTransform}): no output batch drops the record ({@code null}); one becomes the new
 * value; several are joined into one IPC stream when their schema messages are equal
 * ({@link IpcStreamConcat}), else the record fails. The {@code rapidbyte.*} batch headers and
 * {@code content-type} are rewritten from the new value ({@link FrameHeaders#replaceBatchHeaders});
 * topic, partition, key, value schema, timestamp and other headers are kept.
 *
 * <p>A record without {@code content-type: application/vnd.apache.arrow.stream} fails
 * ({@link DataException}): a masking transform must not let a value it cannot read pass
 * unmasked. Route such records around it with Connect's predicates (e.g. {@code HasHeaderKey}
 * on {@code content-type}, negated). Tombstones (null value) pass unchanged.
 *
 * <p>Failures: a guest {@code err} or a value that is not one IPC stream is a {@link DataException}
 * (Connect's {@code errors.tolerance} applies to it); a trap, timeout or ABI violation is a
 * {@link ConnectException}, and the next record gets a fresh instance.
 *
 * <p><b>Threading.</b> Connect gives each task its own transformation instance and calls
 * {@link #apply} from the task's thread. The wasm instance is built on the first {@code apply} and
 * is confined to the thread that built it (its call timeout interrupts that thread); {@code apply}
 * from another thread fails. {@link #close} may come from any thread.
 */
public final class WasmTransform<R extends ConnectRecord<R>> implements Transformation<R>, Versioned {
    private ConnectorSetup setup;
    private String name;
    private BatchTransform transform;
    private Thread owner;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public ConfigDef config() {
        return WasmTransformConfig.DEFINITION;
    }

    /** @throws org.apache.kafka.common.config.ConfigException naming the key, e.g. {@code config.hash} */
    @Override
    public void configure(Map<String, ?> configs) {
        setup = WasmTransformConfig.resolve(configs);
        name = "WasmTransform(" + setup.origin() + ")";
    }

    @Override
    public R apply(R record) {
        if (record.value() == null) {
            return record;
        }
        String contentType = FrameHeaders.text(record.headers(), FrameHeaders.CONTENT_TYPE);
        if (!FrameHeaders.ARROW_STREAM_MEDIA_TYPE.equals(contentType)) {
            throw new DataException(name + ": " + where(record) + " is not an Arrow record (header "
                    + FrameHeaders.CONTENT_TYPE + " is " + (contentType == null ? "missing" : "'" + contentType + "'")
                    + "); route such records around this transform with a predicate");
        }
        FramePayload input = FramePayload.wrap(bytes(record));
        FrameSummary in = summary(input, record, "value");
        String stream = in.stream() != null ? in.stream() : FrameHeaders.text(record.headers(), FrameHeaders.STREAM);
        if (stream == null) {
            stream = record.topic();
        }
        List<FramePayload> outputs = run(stream, input, record);
        if (outputs.isEmpty()) {
            return null;
        }
        byte[] value;
        try {
            value = outputs.size() == 1 ? arrayOf(outputs.get(0)) : IpcStreamConcat.concat(outputs);
        } catch (InvalidFrameException e) {
            throw new DataException(name + ": " + where(record) + ": " + e.getMessage());
        }
        FrameSummary out = summary(FramePayload.wrap(value), record, "output");
        Headers headers = record.headers().duplicate();
        FrameHeaders.replaceBatchHeaders(headers, out.stream() != null ? out.stream() : stream, out);
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                record.valueSchema(), value, record.timestamp(), headers);
    }

    private List<FramePayload> run(String stream, FramePayload input, R record) {
        BatchTransform t = transform();
        try {
            TransformOutcome outcome = t.runTransform(setup.streamLimits(1).contextJson(stream, null), input);
            return outcome.outputs();
        } catch (GuestCallException e) {
            closeInstance();
            throw new ConnectException(name + " failed on " + where(record) + ": " + e.getMessage(), e);
        } catch (ConnectorException e) {
            throw new DataException(name + ": " + where(record) + ": " + e.getMessage(), e);
        }
    }

    private BatchTransform transform() {
        Thread current = Thread.currentThread();
        if (transform != null && !transform.isUsable()) {
            closeInstance();
        }
        if (transform == null) {
            ConnectorInstance.Builder builder = ConnectorInstance.builder(setup.module(), Role.TRANSFORM)
                    .name(name).limits(setup.instanceLimits()).network(setup.acl(), SocketOptions.DEFAULT)
                    .listener(new Slf4jHostListener());
            BatchTransform built = BatchTransform.build(builder);
            try {
                built.open(setup.configJson());
            } catch (RuntimeException e) {
                built.close();
                throw new ConnectException(name + ": open failed: " + e.getMessage(), e);
            }
            transform = built;
            owner = current;
        } else if (owner != current) {
            throw new ConnectException(name + " is confined to thread " + owner.getName() + "; apply() came from "
                    + current.getName());
        }
        return transform;
    }

    private FrameSummary summary(FramePayload payload, R record, String what) {
        try {
            return ArrowStreamInspector.inspect(payload);
        } catch (InvalidFrameException e) {
            throw new DataException(name + ": the " + what + " of " + where(record) + " is not one Arrow IPC stream: "
                    + e.getMessage());
        }
    }

    private byte[] bytes(R record) {
        Object value = record.value();
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] b = new byte[buffer.remaining()];
            buffer.duplicate().get(b);
            return b;
        }
        throw new DataException(name + ": the value of " + where(record) + " is a " + value.getClass().getName()
                + ", not bytes; use org.apache.kafka.connect.converters.ByteArrayConverter for values");
    }

    private static byte[] arrayOf(FramePayload p) {
        return p.offset() == 0 && p.length() == p.array().length ? p.array() : p.toByteArray();
    }

    private static String where(ConnectRecord<?> record) {
        return "record of topic " + record.topic() + " partition " + record.kafkaPartition()
                + (record instanceof org.apache.kafka.connect.sink.SinkRecord s ? " offset " + s.kafkaOffset() : "");
    }

    private synchronized void closeInstance() {
        if (transform != null) {
            transform.close();
            transform = null;
            owner = null;
        }
    }

    @Override
    public void close() {
        BatchTransform t = transform;
        if (t != null) {
            t.cancel();
        }
        closeInstance();
    }
}
