package io.rapidbyte.it.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Listening ports for processes that must come back on the same port after a restart (a broker
 * clients know, a worker whose REST URL is its identity in the group). They are taken below the
 * kernel's ephemeral range, so that no outgoing connection of another process can be holding the
 * port when the process restarts. Stateless.
 */
public final class Ports {
    private static final int LOWEST = 20_000;

    private Ports() {
    }

    /** A port on 127.0.0.1 that is free now, below the ephemeral range. */
    public static int free() {
        int high = ephemeralLow();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, high);
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return port;
            } catch (IOException e) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free port found between " + LOWEST + " and " + high);
    }

    private static int ephemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** Sleeps {@code ms}, keeping the interrupt flag when interrupted. */
    public static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
