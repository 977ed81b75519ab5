package io.rapidbyte.source.postgres.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.arrow.ArrowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeMapperTest {
    private static ColumnMapping map(int oid, int typmod, String type, boolean notNull) {
        return TypeMapper.map(new ColumnInfo("c", 1, type, notNull, oid, typmod, 'b', 0, '\0', true));
    }

    private static int numericTypmod(int precision, int scale) {
        return ((precision << 16) | (scale & 0x7ff)) + 4;
    }

    @Test
    void scalarsMapExactly() {
        assertEquals(ArrowType.INT16, map(PgOids.INT2, -1, "smallint", true).field().type());
        assertEquals(ArrowType.INT64, map(PgOids.OID, -1, "oid", true).field().type());
        assertEquals(ArrowType.FLOAT32, map(PgOids.FLOAT4, -1, "real", false).field().type());
        assertEquals(ArrowType.timestampMicros("UTC"), map(PgOids.TIMESTAMPTZ, -1, "timestamp with time zone", false)
                .field().type());
        assertEquals(ArrowType.TIMESTAMP_MICROS, map(PgOids.TIMESTAMP, 3, "timestamp(3) without time zone", false)
                .field().type());
        assertEquals(ArrowType.fixedSizeBinary(16), map(PgOids.UUID, -1, "uuid", false).field().type());
        assertEquals(ArrowType.INTERVAL_MONTH_DAY_NANO, map(PgOids.INTERVAL, -1, "interval", false).field().type());
        assertEquals(ValueKind.INET, map(PgOids.CIDR, -1, "cidr", false).kind());
        assertEquals(ValueKind.JSONB, map(PgOids.JSONB, -1, "jsonb", false).kind());
        ColumnMapping text = map(PgOids.VARCHAR, 44, "character varying(40)", true);
        assertEquals(ArrowType.UTF8, text.field().type());
        assertFalse(text.field().isNullable());
        assertEquals("character varying(40)", text.field().metadata().get(TypeMapper.PG_TYPE_KEY));
        assertNull(text.fallbackReason());
        assertEquals(ColumnMapping.Cast.NONE, text.cast());
    }

    @Test
    void numericsWithPrecisionUpTo38AreDecimalsTheRestText() {
        ColumnMapping money = map(PgOids.NUMERIC, numericTypmod(12, 2), "numeric(12,2)", true);
        assertEquals(ArrowType.decimal128(12, 2), money.field().type());
        assertTrue(money.field().isNullable(), "NaN is stored as null");
        assertEquals(ArrowType.decimal128(5, -2), map(PgOids.NUMERIC, numericTypmod(5, -2), "numeric(5,-2)", false)
                .field().type());
        assertEquals(ArrowType.decimal128(38, 38), map(PgOids.NUMERIC, numericTypmod(38, 38), "numeric(38,38)", false)
                .field().type());
        ColumnMapping free = map(PgOids.NUMERIC, -1, "numeric", false);
        assertEquals(ArrowType.UTF8, free.field().type());
        assertEquals(ColumnMapping.Cast.TEXT, free.cast());
        assertTrue(free.fallbackReason().contains("numeric without precision"));
        assertEquals(ColumnMapping.Cast.TEXT, map(PgOids.NUMERIC, numericTypmod(39, 2), "numeric(39,2)", false).cast());
        assertArrayEquals(new int[] {10, -3}, TypeMapper.decimalPrecisionScale(numericTypmod(10, -3)));
    }

    @Test
    void arraysBecomeListsAndUnknownElementsText() {
        ColumnMapping ints = TypeMapper.map(new ColumnInfo("a", 1, "integer[]", false, PgOids.INT4_ARRAY, -1, 'b',
                PgOids.INT4, 'b', true));
        assertEquals(ValueKind.LIST, ints.kind());
        assertEquals(ValueKind.INT32, ints.elementKind());
        assertEquals(ArrowType.INT32, ints.field().elementField().type());
        assertEquals(ColumnMapping.Cast.NONE, ints.cast());
        ColumnMapping nums = TypeMapper.map(new ColumnInfo("n", 1, "numeric(10,3)[]", false, PgOids.NUMERIC_ARRAY,
                numericTypmod(10, 3), 'b', PgOids.NUMERIC, 'b', true));
        assertEquals(ArrowType.decimal128(10, 3), nums.field().elementField().type());
        ColumnMapping moods = TypeMapper.map(new ColumnInfo("m", 1, "mood[]", false, 77777, -1, 'b', 77776, 'e', true));
        assertEquals(ColumnMapping.Cast.TEXT_ARRAY, moods.cast());
        assertEquals(ArrowType.UTF8, moods.field().elementField().type());
        assertEquals("mood[]", moods.field().metadata().get(TypeMapper.PG_TYPE_KEY));
    }

    @Test
    void enumsAndUnknownTypesAreTextWithAReason() {
        ColumnMapping e = TypeMapper.map(new ColumnInfo("m", 1, "mood", true, 77776, -1, 'e', 0, '\0', true));
        assertEquals(ColumnMapping.Cast.TEXT, e.cast());
        assertEquals("enum mood has no Arrow mapping: read as text", e.fallbackReason());
        ColumnMapping point = TypeMapper.map(new ColumnInfo("p", 1, "point", false, 600, -1, 'b', 0, '\0', true));
        assertEquals("type point has no Arrow mapping: read as text", point.fallbackReason());
    }

    @Test
    void discoverSuggestsACursor() {
        SourceTable t = new SourceTable("s", "t", 'r', List.of(
                new ColumnInfo("id", 1, "bigint", true, PgOids.INT8, -1, 'b', 0, '\0', true),
                new ColumnInfo("updated_at", 2, "timestamp", false, PgOids.TIMESTAMP, -1, 'b', 0, '\0', true)),
                List.of("id"), List.of(List.of("id")));
        assertEquals("updated_at", CatalogJson.suggestedCursor(t));
        SourceTable ids = new SourceTable("s", "u", 'r', List.of(t.columns().get(0)), List.of("id"), List.of(List.of("id")));
        assertEquals("id", CatalogJson.suggestedCursor(ids));
        assertEquals("list<int32>", CatalogJson.describe(TypeMapper.map(new ColumnInfo("a", 1, "integer[]", false,
                PgOids.INT4_ARRAY, -1, 'b', PgOids.INT4, 'b', true))));
    }
}
