package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidbyte.it.examples.NodeReader;
import io.rapidbyte.it.pipeline.KafkaTopics;
import io.rapidbyte.it.pipeline.PluginMetrics;
import io.rapidbyte.it.pipeline.PostgresPipeline;
import io.rapidbyte.it.rest.ConnectRest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The README's "read the topic from another language" example, run as the README says
 * ({@code npm ci}, then {@code node read-topic.mjs --brokers … --topic … --rows-out …}) against the
 * topic the shipped source payload fills (zstd-compressed, exactly-once transactions) from a table
 * of mixed types. Every row the Node.js reader prints equals the source row, value for value, in
 * one canonical text per type that PostgreSQL computes on its side (int64 and numeric as exact
 * text, timestamps as ISO 8601 with every microsecond, uuid canonical, json as its text, bytea as
 * {@code \x} hex, arrays as JSON arrays, intervals as their three fields); a record without the Arrow content-type is skipped and labelled.
 */
class NodeReaderIT {
    private static final String DB = "nodereader";
    private static final String STREAM = "public.mixed";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The commands both READMEs give (the root README's "Read the topic from another language" and
     * the example's own), which must be the ones this test runs: cd into the example, npm ci (done
     * by {@link NodeReader#install} in a copy of the folder), then the reader.
     */
    private static List<String> readmeCommands() throws Exception {
        Path examples = Path.of(SharedEnvironment.property("rapidbyte.examples.dir"));
        List<String> root = firstBlockAfter(examples.resolve("../../README.md"), "### Read the topic from another language");
        List<String> own = firstBlockAfter(examples.resolve("node-reader/README.md"), "# Reading a Rapidbyte topic from Node.js");
        assertEquals(root, own, "both READMEs give the same commands");
        assertEquals(3, root.size(), root.toString());
        assertEquals(List.of("cd integration-tests/examples/node-reader", "npm ci"), root.subList(0, 2));
        return root;
    }

    private static List<String> firstBlockAfter(Path markdown, String heading) throws Exception {
        List<String> lines = Files.readAllLines(markdown);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, markdown + " has the heading " + heading);
        int open = at + 1;
        while (!lines.get(open).equals("```")) {
            open++;
        }
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }

    @Test
    void theNodeReaderPrintsEverySourceRowExactly() throws Exception {
        List<String> commands = readmeCommands();
        NodeReader node = NodeReader.install(Path.of(SharedEnvironment.property("rapidbyte.examples.dir"), "node-reader"),
                Path.of(SharedEnvironment.property("rapidbyte.nodeReader.workDir")),
                Path.of(SharedEnvironment.property("rapidbyte.requireNode")));
        PostgresPipeline pipeline = SharedEnvironment.pipeline(DB, STREAM);
        pipeline.source().set("wasm.config.max_batch_rows", "50");
        SharedEnvironment.postgres().execute(DB, TABLE);
        long rows = SharedEnvironment.postgres().queryLong(DB, "SELECT count(*) FROM " + STREAM);
        ConnectRest rest = SharedEnvironment.rest();
        String source = pipeline.source().name();
        rest.createConnector(pipeline.source().json()).orThrow("creating " + source);
        // exactly-once: the finished flag commits in the transaction of the last batch
        awaitFinished(rest, source);
        int batches = (int) PluginMetrics.sum(source, "batches-total");
        String bootstrap = SharedEnvironment.env().bootstrapServers();
        KafkaTopics.produce(bootstrap, pipeline.topic(), "stray", "not an Arrow stream, no content-type");

        Path rowsFile = node.workDir().resolve("rows.jsonl");
        NodeReader.Run run = node.read(commands.get(2), Map.of("--brokers", bootstrap,
                "--topic", pipeline.topic(), "--rows-out", rowsFile.toString())).orThrow();
        rest.deleteConnector(source);
        System.out.println("NodeReaderIT: " + String.join(" ", run.command()) + "\n" + run.stdout());

        List<JsonNode> printed = new ArrayList<>();
        for (String line : run.stdout().split("\n")) {
            printed.add(JSON.readTree(line));
        }
        assertEquals(List.of(JSON.readTree("{\"stream\": \"" + STREAM + "\", \"records\": " + batches + ", \"rows\": "
                + rows + "}")), printed.stream().filter(j -> j.has("records")).toList(), run.stdout());
        assertTrue(batches > 1, "several records per stream: " + batches);
        assertEquals(3, printed.stream().filter(j -> j.has("row")).count(), "three sample rows: " + run.stdout());
        List<JsonNode> skipped = printed.stream().filter(j -> j.has("skipped")).toList();
        assertEquals(1, skipped.size(), run.stdout());
        assertEquals("no content-type header, not application/vnd.apache.arrow.stream",
                skipped.get(0).path("skipped").path("reason").asText(), run.stdout());

        Map<String, Map<String, String>> expected = expectedRows();
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String line : Files.readAllLines(rowsFile)) {
            JsonNode j = JSON.readTree(line);
            assertEquals(STREAM, j.path("stream").asText(), line);
            Map<String, String> row = texts(j.path("row"));
            assertEquals(null, actual.put(row.get("id"), row), "row read once: " + line);
        }
        assertEquals(rows, actual.size(), "every row of the table");
        assertEquals(expected.keySet(), actual.keySet());
        for (String id : expected.keySet()) {
            assertEquals(expected.get(id), actual.get(id), "row id " + id);
        }
    }

    private static final String TABLE = """
            CREATE TABLE public.mixed (
              id bigint PRIMARY KEY, c_int2 smallint, c_int4 integer, c_int8 bigint,
              c_numeric numeric(20,5), c_numeric_free numeric, c_float8 double precision, c_bool boolean,
              c_text text, c_varchar varchar(20),
              c_timestamptz timestamptz, c_timestamp timestamp, c_date date,
              c_uuid uuid, c_json json, c_jsonb jsonb, c_bytea bytea,
              c_time time, c_int4_array integer[], c_text_array text[], c_interval interval
            );
            INSERT INTO public.mixed VALUES
              (1, 32767, 2147483647, 9223372036854775807, 123456789012345.12345,
               3.14159265358979323846264338327950288419716939937510, 2.718281828459045, true,
               'plain ✓ ünïcødé "quoted" \\ backslash', 'varchar',
               '2024-02-29 12:34:56.789012+02', '2024-02-29 12:34:56.789012', '2024-02-29',
               'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2, {"b": null}]}', '{"k": "v", "n": 1.5}',
               '\\x00ff10deadbeef', '23:59:59.999999', '{1,NULL,3}', '{"a","b c",NULL}',
               '1 year 2 months 3 days 04:05:06.789'),
              (2, -32768, -2147483648, -9223372036854775808, -99999999999999.99999, '-1e-30', 'NaN', false,
               '', '', '2300-06-15 08:09:10.123457+00', '1969-12-31 23:59:59.999999', '1969-12-31',
               '00000000-0000-0000-0000-000000000000', '[]', '[]', '\\x', '00:00:00', '{}', '{}',
               '-178000000 years'),
              (3, 0, 0, 0, 0, '0', '-Infinity', NULL,
               E'line1\\nline2\\ttab', 'x', '9999-12-31 23:59:59.999999+00', '0001-01-01 00:00:00', '0001-01-01',
               'ffffffff-ffff-ffff-ffff-ffffffffffff', 'null', '"s"', '\\x5c', '12:00:00.5', '{-2147483648}',
               '{"\\"q\\""}', '-1 days +00:00:00.000001'),
              (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL),
              (5, 1, 1, 1, -0.00001, '1', -0.5, true, 'pre-epoch', 'y', '1900-01-01 00:00:00.5+00',
               '1900-01-01 00:00:00.000001', '9999-12-31', gen_random_uuid(), '{}', '{}', '\\x00', '00:00:00.000001',
               '{7}', '{""}', '-3 mons -2 days -01:02:03.000004');
            INSERT INTO public.mixed (id, c_int8, c_numeric, c_text, c_timestamptz, c_date, c_uuid, c_bool)
              SELECT g, g::bigint * 1000000007, g / 7.0, 'row ' || g,
                     timestamptz '2255-06-01 00:00:00+00' + g * interval '1 day 1.000001 seconds',
                     date '2255-06-01' + g, gen_random_uuid(), g % 2 = 0
              FROM generate_series(6, 205) AS g;
            INSERT INTO public.mixed (id, c_timestamptz, c_timestamp, c_date, c_interval) VALUES
              (206, 'infinity', 'infinity', 'infinity', 'infinity'),
              (207, '-infinity', '-infinity', '-infinity', '-infinity');
            """;

    /** {@code text} for a finite value of {@code column}, else its {@code infinity} / {@code -infinity}. */
    private static String finite(String column, String text) {
        return "CASE WHEN isfinite(" + column + ") THEN " + text + " ELSE " + column + "::text END";
    }

    /** Each source row in the reader's canonical text per type, computed by PostgreSQL, keyed by id. */
    private static Map<String, Map<String, String>> expectedRows() throws Exception {
        String iso = "'YYYY-MM-DD\"T\"HH24:MI:SS.US'";
        String sql = "SELECT json_build_object('id', id::text, 'c_int2', c_int2, 'c_int4', c_int4,"
                + " 'c_int8', c_int8::text, 'c_numeric', c_numeric::text, 'c_numeric_free', c_numeric_free::text,"
                + " 'c_float8', c_float8, 'c_bool', c_bool, 'c_text', c_text, 'c_varchar', c_varchar,"
                + " 'c_timestamptz', " + finite("c_timestamptz", "to_char(c_timestamptz AT TIME ZONE 'UTC', " + iso + ") || 'Z'")
                + ", 'c_timestamp', " + finite("c_timestamp", "to_char(c_timestamp, " + iso + ")")
                + ", 'c_date', " + finite("c_date", "to_char(c_date, 'YYYY-MM-DD')") + ","
                + " 'c_uuid', c_uuid::text, 'c_json', c_json::text, 'c_jsonb', c_jsonb::text,"
                + " 'c_bytea', c_bytea::text, 'c_time', to_char(date '2000-01-01' + c_time, 'HH24:MI:SS.US'),"
                + " 'c_int4_array', c_int4_array, 'c_text_array', c_text_array,"
                + " 'c_interval', CASE WHEN NOT isfinite(c_interval) THEN to_json(c_interval::text)"
                + " WHEN c_interval IS NOT NULL THEN json_build_object("
                + "'months', extract(year FROM c_interval) * 12 + extract(month FROM c_interval),"
                + " 'days', extract(day FROM c_interval), 'nanoseconds', (((extract(hour FROM c_interval) * 3600"
                + " + extract(minute FROM c_interval) * 60) * 1000000 + extract(microseconds FROM c_interval))::bigint"
                + " * 1000)::text) END)::text FROM " + STREAM;
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (Connection c = SharedEnvironment.postgres().connect(DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, String> row = texts(JSON.readTree(rs.getString(1)));
                out.put(row.get("id"), row);
            }
        }
        return out;
    }

    /** A row object's values as text (JSON strings unquoted, numbers and booleans as written, null as null). */
    private static Map<String, String> texts(JsonNode row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().isNull() ? null : e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        return out;
    }

    private static void awaitFinished(ConnectRest rest, String source) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            for (JsonNode entry : rest.get("/connectors/" + source + "/offsets").orThrow("source offsets").body()
                    .path("offsets")) {
                if (STREAM.equals(entry.path("partition").path("stream").asText())
                        && "true".equals(entry.path("offset").path("finished").asText())) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(source + " did not finish its full refresh within " + WAIT + ": "
                        + rest.status(source));
            }
            Thread.sleep(250);
        }
    }
}
