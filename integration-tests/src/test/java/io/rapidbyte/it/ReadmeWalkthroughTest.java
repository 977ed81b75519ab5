package io.rapidbyte.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidbyte.it.rest.ReadmeWalkthrough;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a cluster: the README's walkthrough has exactly the steps {@link FirstHourIT} checks, in
 * its order, and every command in it talks to the URL the test replaces.
 */
class ReadmeWalkthroughTest {
    @Test
    void theReadmeWalkthroughHasTheStepsFirstHourItChecks() {
        List<ReadmeWalkthrough.Step> steps = ReadmeWalkthrough.steps(Path.of("..", "README.md"));
        assertEquals(FirstHourIT.STEPS.size(), steps.size(), steps.toString());
        for (int i = 0; i < steps.size(); i++) {
            ReadmeWalkthrough.Step step = steps.get(i);
            assertTrue(step.title().startsWith(FirstHourIT.STEPS.get(i)), step.title());
            for (String line : step.script().lines().toList()) {
                assertTrue(!line.contains("http") || line.contains(ReadmeWalkthrough.README_URL), line);
            }
        }
    }
}
