package io.rapidbyte.connect.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The probe guest ({@code io.rapidbyte:rapidbyte-test-guests}, see connectors/test-guests/PROBE.md)
 * written to a file, as a user's own {@code .wasm} on the worker's disk would be. The probe exports
 * every role but its manifest names {@code source}; {@link #destinationPath()} is the same module
 * with the manifest saying {@code destination}, for sink tasks.
 */
public final class ProbeModule {
    private static final String MANIFEST_SECTION = "rapidbyte-manifest";
    private static Path file;
    private static Path destination;

    private ProbeModule() {
    }

    public static synchronized Path path() {
        if (file == null) {
            file = write("probe", original());
        }
        return file;
    }

    /** The probe with manifest role {@code destination}. */
    public static synchronized Path destinationPath() {
        if (destination == null) {
            destination = write("probe-dest", withRole(original(), "source", "destination"));
        }
        return destination;
    }

    public static String sha256() {
        return sha256(path());
    }

    public static String sha256(Path module) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(module)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] original() {
        try (InputStream in = ProbeModule.class.getResourceAsStream("/guests/probe.wasm")) {
            if (in == null) {
                throw new IllegalStateException("probe.wasm missing: install io.rapidbyte:rapidbyte-test-guests");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String prefix, byte[] bytes) {
        try {
            Path p = Files.createTempFile(prefix, ".wasm");
            p.toFile().deleteOnExit();
            Files.write(p, bytes);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module with the manifest section's JSON role {@code from} replaced by {@code to}. */
    static byte[] withRole(byte[] wasm, String from, String to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(wasm, 0, 8); // magic and version
        int pos = 8;
        boolean replaced = false;
        while (pos < wasm.length) {
            int id = wasm[pos] & 0xFF;
            long[] size = leb(wasm, pos + 1);
            int start = (int) size[1];
            int end = start + (int) size[0];
            if (id == 0) {
                long[] nameLen = leb(wasm, start);
                int nameStart = (int) nameLen[1];
                String name = new String(wasm, nameStart, (int) nameLen[0], StandardCharsets.UTF_8);
                if (name.equals(MANIFEST_SECTION)) {
                    int payload = nameStart + (int) nameLen[0];
                    String json = new String(wasm, payload, end - payload, StandardCharsets.UTF_8);
                    String rewritten = json.replace("\"role\": \"" + from + "\"", "\"role\": \"" + to + "\"");
                    if (rewritten.equals(json)) {
                        throw new IllegalStateException("the probe manifest has no role " + from + ": " + json);
                    }
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    writeLeb(body, nameLen[0]);
                    body.writeBytes(name.getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(rewritten.getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                    writeLeb(out, body.size());
                    out.writeBytes(body.toByteArray());
                    pos = end;
                    replaced = true;
                    continue;
                }
            }
            out.write(wasm, pos, end - pos);
            pos = end;
        }
        if (!replaced) {
            throw new IllegalStateException("the probe has no " + MANIFEST_SECTION + " section");
        }
        return out.toByteArray();
    }

    /** {value, position after it} of the unsigned LEB128 at {@code pos}. */
    private static long[] leb(byte[] b, int pos) {
        long value = 0;
        int shift = 0;
        while (true) {
            int x = b[pos++] & 0xFF;
            value |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return new long[] {value, pos};
            }
            shift += 7;
        }
    }

    private static void writeLeb(ByteArrayOutputStream out, long value) {
        do {
            int x = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? x | 0x80 : x);
        } while (value != 0);
    }
}
