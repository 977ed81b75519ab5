package io.rapidbyte.connect.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogTest {
    private static final String DISCOVER = """
            {"streams": [
              {"name": "public.orders", "sync_modes": ["full_refresh", "incremental"]},
              {"name": "public.items", "sync_mode": "full_refresh"},
              {"name": "public.events", "sync_mode": "incremental"},
              {"name": "public.users"}]}""";

    @Test
    void onlyTheModeTheConnectorChoseMakesAStreamIncremental() {
        assertEquals(List.of(new StreamSpec("public.orders", false), new StreamSpec("public.items", false),
                new StreamSpec("public.events", true), new StreamSpec("public.users", false)),
                Catalog.parse(DISCOVER).streams(), "supported modes are not a choice");
    }

    @Test
    void configurationMarksFurtherStreamsIncremental() {
        List<StreamSpec> streams = Catalog.parse(DISCOVER).streams();
        var pgSettings = io.rapidbyte.connect.json.PluginJson.parse("""
                {"host": "db", "streams": [{"name": "public.orders", "sync_mode": "incremental", "cursor_field": "ts"},
                                           {"name": "public.items"}]}""");
        assertEquals(List.of(new StreamSpec("public.orders", true), new StreamSpec("public.items", false),
                new StreamSpec("public.events", true), new StreamSpec("public.users", true)),
                Catalog.withIncremental(streams, List.of("public.users"), pgSettings));
    }

    @Test
    void cdcStreamsAreReadAgainAndAgainPerStreamOrForTheWholeConnector() {
        List<StreamSpec> streams = Catalog.parse("""
                {"streams": [{"name": "public.a", "sync_mode": "cdc"}, {"name": "public.b"}]}""").streams();
        assertEquals(List.of(new StreamSpec("public.a", true), new StreamSpec("public.b", false)), streams);
        var perStream = io.rapidbyte.connect.json.PluginJson.parse("""
                {"streams": [{"name": "public.b", "sync_mode": "cdc"}]}""");
        assertEquals(List.of(new StreamSpec("public.a", true), new StreamSpec("public.b", true)),
                Catalog.withIncremental(streams, List.of(), perStream));
        var whole = io.rapidbyte.connect.json.PluginJson.parse("{\"sync_mode\": \"cdc\"}");
        assertEquals(List.of(new StreamSpec("public.a", true), new StreamSpec("public.b", true)),
                Catalog.withIncremental(List.of(new StreamSpec("public.a", false), new StreamSpec("public.b", false)),
                        List.of(), whole));
    }

    @Test
    void selectsConfiguredStreamsAndNamesUnknownOnes() {
        Catalog c = Catalog.parse(DISCOVER);
        assertEquals(List.of(new StreamSpec("public.orders", false), new StreamSpec("public.users", false)),
                c.select(List.of("public.users", "public.orders")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.select(List.of("public.orderz")));
        assertTrue(e.getMessage().contains("[public.orderz]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("{\"tables\": []}"));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("{\"streams\": [{\"sync_mode\": \"x\"}]}"));
    }

    @Test
    void streamsAreDealtAcrossTasks() {
        List<StreamSpec> five = List.of(new StreamSpec("a", false), new StreamSpec("b", false), new StreamSpec("c", false),
                new StreamSpec("d", false), new StreamSpec("e", false));
        List<List<StreamSpec>> split = Catalog.split(five, 2);
        assertEquals(2, split.size());
        assertEquals(List.of("a", "c", "e"), split.get(0).stream().map(StreamSpec::name).toList());
        assertEquals(List.of("b", "d"), split.get(1).stream().map(StreamSpec::name).toList());
        assertEquals(2, Catalog.split(five.subList(0, 2), 8).size(), "never more tasks than streams");
        assertEquals(List.of(List.of()), Catalog.split(List.of(), 4));
        assertEquals(five, StreamSpec.fromJson(StreamSpec.toJson(five)));
    }
}
