package io.rapidbyte.connect.source;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;

/** Lets tests of other packages drive the example-generator source task. */
public final class WasmSourceTaskTestSupport {
    private WasmSourceTaskTestSupport() {
    }

    public static Map<String, String> generatorConfig(long rows, String... extra) {
        return WasmSourceTaskTest.generatorConfig(rows, extra);
    }

    public static List<SourceRecord> pollBatches(WasmSourceTask task, int batches) throws InterruptedException {
        return WasmSourceTaskTest.pollBatches(task, batches);
    }
}
