package io.rapidbyte.postgres.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** An immediate restart is a real crash: committed rows survive, open transactions and connections do not. */
class TestPostgresRestartTest {
    @Test
    void immediateRestartKeepsCommittedDataAndDropsOpenTransactions() throws Exception {
        Path dir = Files.createTempDirectory("testkit-restart");
        Path data = dir.resolve("pgdata");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (TestPostgres pg = TestPostgres.start(data, port)) {
            pg.execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
            Connection open = pg.connect("postgres");
            open.setAutoCommit(false);
            try (Statement s = open.createStatement()) {
                s.execute("INSERT INTO t VALUES (2)");
            }
            long pidBefore = postmasterPid(pg);

            pg.restartImmediately(Duration.ofSeconds(120));

            assertEquals(port, pg.port());
            assertThrows(SQLException.class, () -> {
                try (Statement s = open.createStatement()) {
                    s.execute("INSERT INTO t VALUES (3)");
                }
            }, "the connection of before the restart is gone");
            try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(id::text, ',' ORDER BY id) FROM t")) {
                rs.next();
                assertEquals("1", rs.getString(1), "committed row kept, uncommitted one lost");
            }
            assertNotEquals(pidBefore, postmasterPid(pg), "a new postmaster runs");
            open.close();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static long postmasterPid(TestPostgres pg) throws IOException, SQLException {
        try (Connection c = pg.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('data_directory')")) {
            rs.next();
            return Long.parseLong(Files.readAllLines(Path.of(rs.getString(1), "postmaster.pid")).get(0).trim());
        }
    }
}
