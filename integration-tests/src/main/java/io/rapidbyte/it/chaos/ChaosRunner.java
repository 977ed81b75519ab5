package io.rapidbyte.it.chaos;

/**
 * The chaos runner's command line ({@code mvn -B verify -Pchaos}, options in
 * {@link ChaosOptions}): runs one {@link ChaosRun}, prints the faults and the outcome, and exits
 * 0 when every target equals its source after every planned fault, 1 on lost or duplicated rows,
 * 2 when the run failed or timed out, 64 on a bad option.
 */
public final class ChaosRunner {
    private ChaosRunner() {
    }

    public static void main(String[] args) {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: " + e.getMessage());
            System.exit(64);
            return;
        }
        int status;
        try {
            ChaosReport report = new ChaosRun(options, System.out).run();
            report.print(System.out);
            status = report.exitCode();
        } catch (RuntimeException e) {
            System.err.println("chaos run FAILED: " + e.getMessage());
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }
}
