package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.arrow.ArrowType;
import io.rapidbyte.sdk.arrow.Field;
import io.rapidbyte.sdk.arrow.IpcStreamReader;
import io.rapidbyte.sdk.arrow.IpcStreamWriter;
import io.rapidbyte.sdk.arrow.RecordBatch;
import io.rapidbyte.sdk.arrow.RecordBatchBuilder;
import io.rapidbyte.sdk.arrow.Schema;
import io.rapidbyte.sdk.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Test batches built with the SDK, and the JDK's digests to check the guest's against. */
final class MaskBatches {
    static final Map<String, String> METADATA = Map.of("rapidbyte.stream", "public.users", "rapidbyte.seq", "7",
            "rapidbyte.sync_run", "r1", "rapidbyte.primary_key", "id", "rapidbyte.sync_mode", "full_refresh");
    static final Schema USERS = new Schema(Schema.of(
            Field.notNull("id", ArrowType.INT64).withMetadata(Map.of("rapidbyte.pg_type", "bigint")),
            Field.nullable("email", ArrowType.UTF8).withMetadata(Map.of("rapidbyte.pg_type", "character varying(40)")),
            Field.nullable("photo", ArrowType.BINARY),
            Field.nullable("token", ArrowType.fixedSizeBinary(16)).withMetadata(Map.of("rapidbyte.pg_type", "uuid")),
            Field.notNull("name", ArrowType.UTF8),
            Field.nullable("born", ArrowType.DATE32).withMetadata(Map.of("rapidbyte.pg_type", "date",
                    "rapidbyte.infinity", "max_min")),
            Field.notNull("score", ArrowType.INT32)).fields(), METADATA);

    private MaskBatches() {
    }

    static String email(int i) {
        return "user" + i + "@example.com\u00e9";
    }

    /** Row i: every nullable column is null when {@code i % 4 == 3}. */
    static RecordBatchBuilder users(int rows) {
        RecordBatchBuilder b = new RecordBatchBuilder(USERS);
        for (int i = 0; i < rows; i++) {
            b.intColumn(0).append(i);
            b.varBinaryColumn(4).append("name " + i);
            b.intColumn(6).append(i * 3);
            if (i % 4 == 3) {
                for (int c : new int[] {1, 2, 3, 5}) {
                    b.column(c).appendNull();
                }
                continue;
            }
            b.varBinaryColumn(1).append(email(i));
            b.varBinaryColumn(2).append(new byte[] {(byte) i, 0, (byte) 0xff});
            b.fixedSizeBinaryColumn(3).appendUuid(i, -i);
            b.intColumn(5).append(i - 100);
        }
        return b;
    }

    static byte[] encode(Schema schema, RecordBatchBuilder batch) {
        IpcStreamWriter w = new IpcStreamWriter(schema);
        w.writeBatch(batch);
        w.finish();
        return w.toByteArray();
    }

    static RecordBatch decode(byte[] stream) {
        return new IpcStreamReader(stream).next();
    }

    static MaskConfig config(String json) {
        return MaskConfig.parse(Json.parseObject(json));
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String hmac(String key, byte[] value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
