package io.rapidbyte.source.postgres.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.sdk.BatchKeys;
import io.rapidbyte.sdk.arrow.ArrowType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeMapperTest {
    private static ColumnMapping map(int oid, int typmod, String type, boolean notNull) {
        return TypeMapper.map(new ColumnInfo("c", 1, type, notNull, oid, typmod, 'b', 0, '\0', true, 0));
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
        assertEquals("character varying(40)", text.field().metadata().get(BatchKeys.PG_TYPE));
        assertNull(text.fallbackReason());
        assertEquals(ColumnMapping.Cast.NONE, text.cast());
    }

    @Test
    void numericsWithPrecisionUpTo38AreDecimalsTheRestText() {
        ColumnMapping money = map(PgOids.NUMERIC, numericTypmod(12, 2), "numeric(12,2)", true);
        assertEquals(ArrowType.decimal128(12, 2), money.field().type());
        assertFalse(money.field().isNullable(), "a NOT NULL numeric stays NOT NULL (NaN is refused, not nulled)");
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
    void uuidAndJsonCarryArrowsCanonicalExtensionTypesBesideTheirPgType() {
        java.util.Map<String, String> uuid = map(PgOids.UUID, -1, "uuid", false).field().metadata();
        assertEquals(java.util.Map.of("ARROW:extension:name", "arrow.uuid", "ARROW:extension:metadata", "",
                "rapidbyte.pg_type", "uuid"), uuid);
        for (int oid : new int[] {PgOids.JSON, PgOids.JSONB}) {
            ColumnMapping json = map(oid, -1, oid == PgOids.JSON ? "json" : "jsonb", false);
            assertEquals(ArrowType.UTF8, json.field().type());
            assertEquals("arrow.json", json.field().metadata().get("ARROW:extension:name"));
            assertEquals("", json.field().metadata().get("ARROW:extension:metadata"));
            assertEquals(oid == PgOids.JSON ? "json" : "jsonb", json.field().metadata().get(BatchKeys.PG_TYPE));
        }
        ColumnInfo jsonCol = new ColumnInfo("j", 1, "jsonb", false, PgOids.JSONB, -1, 'b', 0, '\0', true, 0);
        assertEquals("arrow.json", TypeMapper.map(jsonCol, true).field().metadata().get("ARROW:extension:name"),
                "jsonb read as text is still JSON text");
        ColumnInfo uuidCol = new ColumnInfo("u", 1, "uuid", false, PgOids.UUID, -1, 'b', 0, '\0', true, 0);
        assertNull(TypeMapper.map(uuidCol, true).field().metadata().get("ARROW:extension:name"),
                "uuid read as text is utf8, not arrow.uuid's storage");
        ColumnMapping uuids = TypeMapper.map(new ColumnInfo("us", 1, "uuid[]", false, 2951, -1, 'b', PgOids.UUID, 'b',
                true, 0));
        assertEquals("arrow.uuid", uuids.field().elementField().metadata().get("ARROW:extension:name"));
        assertNull(uuids.field().metadata().get("ARROW:extension:name"), "the list itself is a plain list");
        assertEquals(java.util.Map.of("rapidbyte.pg_type", "integer"),
                map(PgOids.INT4, -1, "integer", false).field().metadata(), "other types carry only our metadata");
    }

    @Test
    void temporalFieldsDeclareHowInfinityTravels() {
        for (int oid : new int[] {PgOids.DATE, PgOids.TIMESTAMP, PgOids.TIMESTAMPTZ, PgOids.INTERVAL}) {
            java.util.Map<String, String> m = map(oid, -1, "t" + oid, false).field().metadata();
            assertEquals(TypeMapper.INFINITY_EXTREMES, m.get(BatchKeys.INFINITY), "oid " + oid);
            assertEquals("t" + oid, m.get(BatchKeys.PG_TYPE));
        }
        ColumnMapping dates = TypeMapper.map(new ColumnInfo("ds", 1, "date[]", false, 1182, -1, 'b', PgOids.DATE, 'b',
                true, 0));
        assertEquals(TypeMapper.INFINITY_EXTREMES, dates.field().elementField().metadata().get(BatchKeys.INFINITY));
        assertNull(map(PgOids.TIME, -1, "time", false).field().metadata().get(BatchKeys.INFINITY),
                "time has no infinity");
        ColumnInfo asText = new ColumnInfo("d", 1, "date", false, PgOids.DATE, -1, 'b', 0, '\0', true, 0);
        assertNull(TypeMapper.map(asText, true).field().metadata().get(BatchKeys.INFINITY),
                "read as text, infinity is the word");
    }

    @Test
    void arraysBecomeListsAndUnknownElementsText() {
        ColumnMapping ints = TypeMapper.map(new ColumnInfo("a", 1, "integer[]", false, PgOids.INT4_ARRAY, -1, 'b',
                PgOids.INT4, 'b', true, 0));
        assertEquals(ValueKind.LIST, ints.kind());
        assertEquals(ValueKind.INT32, ints.elementKind());
        assertEquals(ArrowType.INT32, ints.field().elementField().type());
        assertEquals(ColumnMapping.Cast.NONE, ints.cast());
        ColumnMapping nums = TypeMapper.map(new ColumnInfo("n", 1, "numeric(10,3)[]", false, PgOids.NUMERIC_ARRAY,
                numericTypmod(10, 3), 'b', PgOids.NUMERIC, 'b', true, 0));
        assertEquals(ArrowType.decimal128(10, 3), nums.field().elementField().type());
        ColumnMapping moods = TypeMapper.map(new ColumnInfo("m", 1, "mood[]", false, 77777, -1, 'b', 77776, 'e', true, 0));
        assertEquals(ColumnMapping.Cast.TEXT_ARRAY, moods.cast());
        assertEquals(ArrowType.UTF8, moods.field().elementField().type());
        assertEquals("mood[]", moods.field().metadata().get(BatchKeys.PG_TYPE));
    }

    @Test
    void arraysDeclaredWithDimensionsAndTextColumnsAreReadAsText() {
        ColumnInfo grid = new ColumnInfo("g", 1, "integer[]", false, PgOids.INT4_ARRAY, -1, 'b', PgOids.INT4, 'b',
                true, 2);
        ColumnMapping m = TypeMapper.map(grid);
        assertEquals(ColumnMapping.Cast.TEXT, m.cast());
        assertEquals(ArrowType.UTF8, m.field().type());
        assertEquals("integer[]", m.field().metadata().get(BatchKeys.PG_TYPE));
        assertTrue(m.fallbackReason().contains("2 dimensions"), m.fallbackReason());

        ColumnInfo amount = new ColumnInfo("amount", 1, "numeric(12,2)", true, PgOids.NUMERIC, numericTypmod(12, 2),
                'b', 0, '\0', true, 0);
        assertEquals(ValueKind.DECIMAL, TypeMapper.map(amount, false).kind());
        ColumnMapping text = TypeMapper.map(amount, true);
        assertEquals(ColumnMapping.Cast.TEXT, text.cast());
        assertEquals(ArrowType.UTF8, text.field().type());
        assertFalse(text.field().isNullable());
        assertEquals("numeric(12,2)", text.field().metadata().get(BatchKeys.PG_TYPE));
        assertTrue(text.fallbackReason().contains("text_columns"));
    }

    @Test
    void enumsAndUnknownTypesAreTextWithAReason() {
        ColumnMapping e = TypeMapper.map(new ColumnInfo("m", 1, "mood", true, 77776, -1, 'e', 0, '\0', true, 0));
        assertEquals(ColumnMapping.Cast.TEXT, e.cast());
        assertEquals("enum mood has no Arrow mapping: read as text", e.fallbackReason());
        ColumnMapping point = TypeMapper.map(new ColumnInfo("p", 1, "point", false, 600, -1, 'b', 0, '\0', true, 0));
        assertEquals("type point has no Arrow mapping: read as text", point.fallbackReason());
    }

    @Test
    void discoverSuggestsACursor() {
        SourceTable t = new SourceTable("s", "t", 'r', List.of(
                new ColumnInfo("id", 1, "bigint", true, PgOids.INT8, -1, 'b', 0, '\0', true, 0),
                new ColumnInfo("updated_at", 2, "timestamp", false, PgOids.TIMESTAMP, -1, 'b', 0, '\0', true, 0)),
                List.of("id"), List.of(List.of("id")));
        assertEquals("updated_at", CatalogJson.suggestedCursor(t));
        SourceTable ids = new SourceTable("s", "u", 'r', List.of(t.columns().get(0)), List.of("id"), List.of(List.of("id")));
        assertEquals("id", CatalogJson.suggestedCursor(ids));
        assertEquals("list<int32>", CatalogJson.describe(TypeMapper.map(new ColumnInfo("a", 1, "integer[]", false,
                PgOids.INT4_ARRAY, -1, 'b', PgOids.INT4, 'b', true, 0))));
    }
}
