package io.rapidbyte.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidbyte.examples.pipeline.ExpectedRows.RowFilter;
import io.rapidbyte.host.frames.FramePayload;
import io.rapidbyte.host.pipeline.PipelineException;
import io.rapidbyte.host.pipeline.PipelineResult;
import io.rapidbyte.host.pipeline.PipelineRunner;
import io.rapidbyte.host.pipeline.StageReport;
import io.rapidbyte.host.pipeline.StageSpec;
import io.rapidbyte.host.state.InMemoryStateStore;
import io.rapidbyte.host.types.ConnectorException;
import io.rapidbyte.host.types.ErrorCategory;
import io.rapidbyte.host.types.StreamLimits;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real modules through {@link PipelineRunner}: the verify destination's row count and checksum must
 * equal the values computed on the JVM from the generator's frames decoded by arrow-vector (and,
 * with the transform, filtered and projected by test code).
 */
class PipelineChecksumTest {
    static final String PIPELINE = "examples";
    static final String GEN_CONFIG = "{\"rows\": 5000, \"batch_rows\": 600, \"seed\": 11, \"null_every\": 5}";
    static final StreamLimits LIMITS = new StreamLimits(1 << 20, 10_000, 2, 0, 0, 0);
    private static final String STREAM = GeneratorRun.STREAM;

    private final StageRecordingListener listener = new StageRecordingListener();
    private final InMemoryStateStore store = new InMemoryStateStore();

    @AfterEach
    void noStageThreadOutlivesItsRun() {
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("rapidbyte-" + PIPELINE + "-") && t.isAlive()));
    }

    private PipelineRunner.Builder pipeline() {
        return PipelineRunner.builder(PIPELINE).listener(listener).state(store).streamLimits(LIMITS)
                .source(StageSpec.of("gen", ExampleModules.generator(), GEN_CONFIG));
    }

    private Verified verified() {
        return Verified.read(listener, store, PIPELINE, STREAM, "verify");
    }

    @Test
    void sourceToDestinationDeliversEveryRowWithTheIndependentChecksum() {
        GeneratorRun reference = GeneratorRun.of(GEN_CONFIG, LIMITS, null);
        IndependentChecksum expected = ExpectedRows.checksum(reference.frames(), null, ExpectedRows.ALL);
        PipelineResult result = pipeline()
                .destination(StageSpec.of("verify", ExampleModules.verify(), "{}"))
                .build().run(STREAM);

        Verified verified = verified();
        assertEquals(5000, expected.rows());
        assertEquals(expected.rows(), verified.rows());
        assertEquals(expected.hex(), verified.checksumHex());
        assertEquals(reference.frames().size(), verified.batches());
        assertEquals(5000, result.read().recordsRead());
        assertEquals(5000, result.write().recordsWritten());
        long bytes = reference.frames().stream().mapToLong(FramePayload::length).sum();
        StageReport gen = result.stages().get(0);
        StageReport verify = result.stages().get(1);
        assertEquals(bytes, gen.copies().guestToHost(), "one copy into the host per emitted byte");
        assertEquals(bytes, verify.copies().hostToGuest(), "one copy into the destination per byte");
        assertEquals(0, result.internalCopyBytes());
        assertEquals(0, gen.leakedFrames() + verify.leakedFrames());
    }

    static Stream<Arguments> filters() {
        List<String> some = List.of("id", "i32", "name", "amount", "scores", "labels");
        long y2k = 946_684_800_000_000L;
        return Stream.of(
                Arguments.of("{\"columns\": [\"id\", \"i32\", \"name\", \"amount\", \"scores\", \"labels\"],"
                        + " \"filter\": {\"column\": \"i32\", \"op\": \"gt\", \"value\": 0}}", some,
                        (RowFilter) (root, row) -> !root.getVector("i32").isNull(row)
                                && ((IntVector) root.getVector("i32")).get(row) > 0),
                Arguments.of("{\"filter\": {\"column\": \"name\", \"op\": \"is_null\"}}", null,
                        (RowFilter) (root, row) -> root.getVector("name").isNull(row)),
                Arguments.of("{\"columns\": [\"uuid\", \"span\", \"payload\"],"
                        + " \"filter\": {\"column\": \"amount\", \"op\": \"ge\", \"value\": \"0.5\"}}",
                        List.of("uuid", "span", "payload"),
                        (RowFilter) (root, row) -> !root.getVector("amount").isNull(row)
                                && ((DecimalVector) root.getVector("amount")).getObject(row)
                                        .compareTo(new BigDecimal("0.5")) >= 0),
                Arguments.of("{\"filter\": {\"column\": \"name\", \"op\": \"lt\", \"value\": \"c\u00e9\"}}", null,
                        (RowFilter) (root, row) -> !root.getVector("name").isNull(row) && Arrays.compareUnsigned(
                                ((VarCharVector) root.getVector("name")).get(row),
                                "c\u00e9".getBytes(StandardCharsets.UTF_8)) < 0),
                Arguments.of("{\"columns\": [\"flag\", \"id\"], \"filter\": {\"column\": \"flag\", \"op\": \"eq\","
                        + " \"value\": true}}", List.of("flag", "id"),
                        (RowFilter) (root, row) -> !root.getVector("flag").isNull(row)
                                && ((BitVector) root.getVector("flag")).get(row) == 1),
                Arguments.of("{\"filter\": {\"column\": \"f64\", \"op\": \"ne\", \"value\": 0}}", null,
                        (RowFilter) (root, row) -> !root.getVector("f64").isNull(row)
                                && !(((Float8Vector) root.getVector("f64")).get(row) == 0.0)),
                Arguments.of("{\"columns\": [\"ts_tz\"], \"filter\": {\"column\": \"ts_tz\", \"op\": \"le\", \"value\": "
                        + y2k + "}}", List.of("ts_tz"),
                        (RowFilter) (root, row) -> !root.getVector("ts_tz").isNull(row)
                                && ((TimeStampMicroTZVector) root.getVector("ts_tz")).get(row) <= y2k),
                Arguments.of("{}", null, ExpectedRows.ALL));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void sourceTransformDestinationMatchesTheFilterAppliedOnTheJvm(String filterConfig, List<String> columns,
            RowFilter filter) {
        GeneratorRun reference = GeneratorRun.of(GEN_CONFIG, LIMITS, null);
        IndependentChecksum expected = ExpectedRows.checksum(reference.frames(), columns, filter);
        PipelineResult result = pipeline()
                .transform(StageSpec.of("filter", ExampleModules.filter(), filterConfig))
                .destination(StageSpec.of("verify", ExampleModules.verify(), "{}"))
                .build().run(STREAM);

        Verified verified = verified();
        assertTrue(expected.rows() > 0 && (expected.rows() < 5000 || filterConfig.equals("{}")),
                () -> "the filter should be selective: " + expected.rows());
        assertEquals(expected.rows(), verified.rows());
        assertEquals(expected.hex(), verified.checksumHex());
        assertEquals(5000, result.transforms().get(0).recordsIn());
        assertEquals(expected.rows(), result.transforms().get(0).recordsOut());
        assertEquals(reference.frames().size(), result.transforms().get(0).batchesProcessed());
        assertEquals(reference.frames().size(), verified.batches(), "one output batch per input batch, seq kept");
    }

    @Test
    void resumedPipelineDeliversExactlyTheRowsAfterTheCheckpoint() {
        GeneratorRun reference = GeneratorRun.of(GEN_CONFIG, LIMITS, null);
        String checkpoint = reference.checkpoints().get(3);
        List<FramePayload> rest = reference.frames().subList(4, reference.frames().size());
        IndependentChecksum expected = ExpectedRows.checksum(rest, null, ExpectedRows.ALL);
        pipeline().destination(StageSpec.of("verify", ExampleModules.verify(), "{}")).build().run(STREAM, checkpoint);

        Verified verified = verified();
        assertEquals(5000 - 4 * 600, verified.rows());
        assertEquals(expected.hex(), verified.checksumHex());
        JsonNode last = Jsons.read(listener.checkpointsOf("verify").get(rest.size() - 1));
        assertEquals(reference.frames().size(), last.get("last_seq").asLong(), "seq continues from the checkpoint");
    }

    @Test
    void destinationExpectationsPassOrFailTheRun() {
        GeneratorRun reference = GeneratorRun.of(GEN_CONFIG, LIMITS, null);
        String sum = ExpectedRows.checksum(reference.frames(), null, ExpectedRows.ALL).hex();
        pipeline().destination(StageSpec.of("verify", ExampleModules.verify(),
                "{\"expect_rows\": 5000, \"expect_checksum\": \"" + sum + "\"}")).build().run(STREAM);

        String wrong = String.format("%016x", Long.parseUnsignedLong(sum, 16) + 1);
        PipelineException e = assertThrows(PipelineException.class, () -> pipeline()
                .destination(StageSpec.of("verify", ExampleModules.verify(), "{\"expect_checksum\": \"" + wrong + "\"}"))
                .build().run(STREAM));
        assertEquals("verify", e.stage());
        ConnectorException cause = (ConnectorException) e.getCause();
        assertEquals("CHECKSUM_MISMATCH", cause.error().code());
        assertEquals(ErrorCategory.DATA, cause.error().category());
    }
}
