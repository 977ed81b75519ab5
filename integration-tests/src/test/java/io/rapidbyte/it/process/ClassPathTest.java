package io.rapidbyte.it.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker's and workers' class path keeps Kafka and leaves out everything the plugin brings itself. */
class ClassPathTest {
    @Test
    void keepsThirdPartyJarsAndDropsThisRepositorysClassesAndChicory(@TempDir Path dir) throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        assertFalse(ClassPath.keep(classes.toString()), "build output directories");
        assertFalse(ClassPath.keep("/m2/io/rapidbyte/rapidbyte-postgres-testkit/0.1.0/rapidbyte-postgres-testkit-0.1.0.jar"));
        assertFalse(ClassPath.keep("/m2/com/dylibso/chicory/runtime/1.7.5/runtime-1.7.5.jar"));
        assertTrue(ClassPath.keep("/m2/org/apache/kafka/connect-runtime/4.3.1/connect-runtime-4.3.1.jar"));
        assertFalse(ClassPath.keep("/m2/org/apache/kafka/connect-runtime/4.3.1/connect-runtime-4.3.1-test.jar"),
                "Kafka's test jars (their test connectors would show in GET /connector-plugins)");
        assertTrue(ClassPath.keep("/m2/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar"));
    }

    @Test
    void theChildClassPathOfThisTestJvmHasKafkaButNoRapidbyte() {
        String cp = ClassPath.forChildJvm();
        assertTrue(cp.contains("connect-runtime"), cp);
        for (String entry : cp.split(File.pathSeparator)) {
            assertFalse(entry.replace(File.separatorChar, '/').contains("/io/rapidbyte/"), entry);
        }
    }
}
