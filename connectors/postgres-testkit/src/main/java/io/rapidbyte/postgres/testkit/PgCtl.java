package io.rapidbyte.postgres.testkit;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Stops and starts a running embedded server with its own {@code pg_ctl}, the way an operator
 * or a crash would: an {@code immediate} shutdown makes the postmaster and every backend quit
 * without a checkpoint (open transactions are lost, connections dropped), and the next start
 * recovers from the WAL. The server comes back on the same data directory with the settings it
 * was started with (read from {@code pg_settings}, source {@code command line}). Like zonky, it
 * runs the binaries under {@code unshare -U} where that is available (as root), since PostgreSQL
 * refuses to run as root. Not thread-safe.
 */
final class PgCtl {
    /** Setting values passed on pg_ctl's {@code -o} (a shell command line) must need no quoting. */
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9_.,:/+-]*");

    private final Path binDir;
    private final Path dataDir;
    private final List<String> serverOptions;
    private final Path log;

    private PgCtl(Path binDir, Path dataDir, List<String> serverOptions, Path log) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.serverOptions = serverOptions;
        this.log = log;
    }

    /** Reads the binaries' location, the data directory and the command-line settings from the running server. */
    static PgCtl of(Connection superuser) {
        try (Statement s = superuser.createStatement()) {
            Path bin = Path.of(single(s, "SELECT setting FROM pg_config WHERE name = 'BINDIR'"));
            Path data = Path.of(single(s, "SELECT current_setting('data_directory')"));
            List<String> options = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE source = 'command line'"
                    + " ORDER BY name")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String value = rs.getString(2);
                    if (!PLAIN_VALUE.matcher(value).matches()) {
                        throw new IllegalStateException("setting " + name + " = '" + value
                                + "' cannot be passed through pg_ctl -o unquoted");
                    }
                    options.add("-c " + name + "=" + value);
                }
            }
            return new PgCtl(bin, data, options, data.resolveSibling(data.getFileName() + "-pg_ctl.log"));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the server's settings failed: " + e.getMessage(), e);
        }
    }

    /** {@code pg_ctl stop -m immediate}, then {@code pg_ctl start} with the same settings; waits for both. */
    void restartImmediately(Duration timeout) {
        run(timeout, "stop", "-D", dataDir.toString(), "-m", "immediate", "-w", "-t", seconds(timeout));
        run(timeout, "start", "-D", dataDir.toString(), "-w", "-t", seconds(timeout), "-l", log.toString(),
                "-o", String.join(" ", serverOptions));
    }

    private void run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            cmd.add("unshare");
            cmd.add("-U");
        }
        cmd.add(binDir.resolve("pg_ctl").toString());
        cmd.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + args[0] + " did not finish within " + timeout + "; see " + log);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + args[0] + " failed (exit " + p.exitValue() + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("running " + cmd + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running pg_ctl " + args[0], e);
        }
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row from " + sql);
            }
            return rs.getString(1);
        }
    }
}
