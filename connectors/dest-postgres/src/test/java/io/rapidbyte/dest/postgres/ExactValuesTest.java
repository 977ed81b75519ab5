package io.rapidbyte.dest.postgres;

import static io.rapidbyte.dest.postgres.FrameBuilder.FLOAT32;
import static io.rapidbyte.dest.postgres.FrameBuilder.FLOAT64;
import static io.rapidbyte.dest.postgres.FrameBuilder.INT64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.host.types.ConnectorError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values the loader could change without saying so (the "exact or a clear error" audit of issue
 * 13): every float bit pattern through both load methods, including a real into a double
 * precision column, and fields whose batch metadata declares a narrower column type than their
 * Arrow type carries.
 */
class ExactValuesTest {
    private static final int RANDOM = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"copy", "insert"})
    void floatsKeepEveryBit(String loadMethod) {
        DestHarness h = new DestHarness("floats_" + loadMethod);
        h.sql("CREATE TABLE public.f (id bigint PRIMARY KEY, r real, d double precision, rd double precision)");
        List<Object> ids = new ArrayList<>();
        List<Object> reals = new ArrayList<>();
        List<Object> doubles = new ArrayList<>();
        float[] specialF = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
            -Float.MAX_VALUE, 0.1f, 1f / 3, 16777217f, 3.4028235e38f, 1.17549435e-38f, 9.999999e-39f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        double[] specialD = {0d, -0d, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE, 0.1, 1d / 3, 9007199254740993d, 1e23, 2.2250738585072011e-308, 5e-324 * 3,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int i = 0; i < specialF.length; i++) {
            ids.add((long) i);
            reals.add(specialF[i]);
            doubles.add(specialD[i]);
        }
        Random r = new Random(13);
        for (int i = 0; i < RANDOM; i++) {
            float f;
            double d;
            do {
                f = Float.intBitsToFloat(r.nextInt());
            } while (Float.isNaN(f));
            do {
                d = Double.longBitsToDouble(r.nextLong());
            } while (Double.isNaN(d));
            ids.add((long) (specialF.length + i));
            reals.add(f);
            doubles.add(d);
        }
        byte[] frame = FrameBuilder.batch("public.f", "r1", 1).col(FrameBuilder.field("id", INT64, false, null), ids)
                .col("r", FLOAT32, reals).col("d", FLOAT64, doubles).col("rd", FLOAT32, reals).build();
        h.run(h.config("load_method", loadMethod), "public.f", List.of(frame)).ok();

        List<List<String>> rows = h.rows("SELECT id, float4send(r), float8send(d), float8send(rd) FROM public.f ORDER BY id");
        assertEquals(ids.size(), rows.size());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < rows.size(); i++) {
            float f = (Float) reals.get(i);
            double d = (Double) doubles.get(i);
            List<String> row = rows.get(i);
            assertEquals("\\x" + hex.toHexDigits(Float.floatToIntBits(f)), row.get(1), "real " + f + " (row " + i + ")");
            assertEquals("\\x" + hex.toHexDigits(Double.doubleToLongBits(d)), row.get(2), "double " + d + " (row " + i + ")");
            assertEquals("\\x" + hex.toHexDigits(Double.doubleToLongBits(f)), row.get(3),
                    "real " + f + " in a double precision column keeps its value (row " + i + ")");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"copy", "insert"})
    void metadataNarrowerThanTheArrowTypeIsATypeChangeNotARounding(String loadMethod) {
        DestHarness h = new DestHarness("narrow_" + loadMethod);
        h.sql("CREATE TABLE public.n (id bigint PRIMARY KEY, amount numeric(12,2))");
        byte[] decimals = FrameBuilder.batch("public.n", "r1", 1).col(FrameBuilder.field("id", INT64, false, null), List.of(1L))
                .col("amount", FrameBuilder.decimal(12, 4), "numeric(12,2)", List.of(new BigDecimal("1.0049"))).build();
        ConnectorError e = h.run(h.config("load_method", loadMethod), "public.n", List.of(decimals)).failed().error();
        assertEquals("SCHEMA_DRIFT", e.code(), e.toString());
        assertTrue(e.message().contains("\"amount\""), e.message());
        assertEquals("0", h.value("SELECT count(*) FROM public.n"), "nothing was rounded into the table");

        h.sql("CREATE TABLE public.r (id bigint PRIMARY KEY, x real)");
        byte[] doubles = FrameBuilder.batch("public.r", "r1", 1).col(FrameBuilder.field("id", INT64, false, null), List.of(1L))
                .col("x", FLOAT64, "real", List.of(0.1d)).build();
        e = h.run(h.config("load_method", loadMethod), "public.r", List.of(doubles)).failed().error();
        assertEquals("SCHEMA_DRIFT", e.code(), e.toString());
        assertTrue(e.message().contains("\"x\""), e.message());

        // coercion is what the user asks for by name: then the cast's rounding is theirs
        h.run(h.config("load_method", loadMethod, "schema_drift", Map.of("type_change", "coerce")), "public.n",
                List.of(decimals)).ok();
        assertEquals("1.00", h.value("SELECT amount FROM public.n"));
    }
}
