import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Run by Maven ({@code java RequireNode.java <min node major>}) before the ABI check, so that a
 * machine without Node.js or npm fails with one clear sentence instead of "Cannot run program".
 * A single-file program because it must work before anything else of the check is set up.
 * {@code integration-tests}' NodeReaderIT runs it too, as
 * {@code java RequireNode.java <min major> <who needs node> <what to do instead>}.
 */
public final class RequireNode {
    private RequireNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        int minMajor = Integer.parseInt(args.length > 0 ? args[0] : "20");
        String node = version("node");
        String npm = version("npm");
        String problem = null;
        if (node == null || npm == null) {
            problem = (node == null ? "node" : "npm") + " was not found on the PATH.";
        } else if (major(node) < minMajor) {
            problem = "node " + node + " is too old.";
        }
        String who = args.length > 1 ? args[1] : "The ABI conformance check runs @bytecodealliance/jco and";
        String instead = args.length > 2 ? args[2] : "skip this check with -Drapidbyte.abiCheck.skip=true";
        String tag = args.length > 1 ? "[require-node]" : "[abi-check]";
        if (problem != null) {
            System.err.println(tag + " " + problem + " " + who + " needs"
                    + " Node.js >= " + minMajor + " with npm, plus access to the npm registry (or a warm npm cache)."
                    + " Install Node.js (https://nodejs.org), or " + instead + ".");
            System.exit(1);
        }
        System.out.println(tag + " node " + node + ", npm " + npm);
    }

    /** The first line printed by {@code <tool> --version}, or null when it cannot be run. */
    private static String version(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return null;
            }
            String[] lines = out.split("\\R");
            return lines[lines.length - 1].trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static int major(String version) {
        String digits = version.startsWith("v") ? version.substring(1) : version;
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
