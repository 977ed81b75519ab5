package io.rapidbyte.wasm.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFingerprintTest {
    @TempDir
    Path dir;

    @Test
    void changesWithInputsButNotWithTheOutput() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path cls = Files.writeString(classes.resolve("A.class"), "a");
        Path manifest = Files.writeString(dir.resolve("m.json"), "{}");
        Path output = classes.resolve("guests/p.wasm");
        BuildOptions options = options(classes, manifest, output, "4m");

        String first = InputFingerprint.of(options);
        Files.createDirectories(output.getParent());
        Files.writeString(output, "wasm");
        assertEquals(first, InputFingerprint.of(options), "the output inside the class directory is ignored");

        Files.setLastModifiedTime(cls, FileTime.fromMillis(Files.getLastModifiedTime(cls).toMillis() + 5000));
        String touched = InputFingerprint.of(options);
        assertNotEquals(first, touched);
        Files.writeString(manifest, "{\"a\":1}");
        assertNotEquals(touched, InputFingerprint.of(options));
        assertNotEquals(InputFingerprint.of(options), InputFingerprint.of(options(classes, manifest, output, "8m")));
    }

    @Test
    void stampRecordsAndRecognisesAFingerprint() throws Exception {
        Path stamp = dir.resolve("stamps/p.inputs");
        Path output = Files.writeString(dir.resolve("p.wasm"), "wasm");
        assertFalse(InputFingerprint.upToDate(stamp, output, "abc"));
        InputFingerprint.record(stamp, "abc");
        assertTrue(InputFingerprint.upToDate(stamp, output, "abc"));
        assertFalse(InputFingerprint.upToDate(stamp, output, "abd"));
        Files.delete(output);
        assertFalse(InputFingerprint.upToDate(stamp, output, "abc"), "a deleted output is rebuilt");
    }

    private static BuildOptions options(Path classes, Path manifest, Path output, String arena) {
        return BuildOptions.parse(new String[] {"--main-class", "a.Main", "--classpath",
            classes + File.pathSeparator + "/nonexistent.jar", "--manifest", manifest.toString(), "--output",
            output.toString(), "--arena", arena});
    }
}
