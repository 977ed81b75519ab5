package io.rapidbyte.host.sockets;

import java.time.Duration;
import java.util.Objects;

/**
 * Socket behaviour of one instance. Immutable.
 *
 * @param connectTimeout how long {@code connect-tcp} may take in total (all addresses tried)
 * @param readTimeout    how long reads may find no data before {@code SOCKET_TIMEOUT}; also how
 *                       long a write may make no progress
 * @param pollInterval   how long one read waits before answering {@code would-block}
 * @param maxSockets     sockets an instance may have open at once
 */
public record SocketOptions(Duration connectTimeout, Duration readTimeout, Duration pollInterval, int maxSockets) {
    /** 10 s connect, 30 s read, 50 ms poll, 16 sockets. */
    public static final SocketOptions DEFAULT =
            new SocketOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(50), 16);

    public SocketOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(pollInterval, "pollInterval");
        if (maxSockets <= 0) {
            throw new IllegalArgumentException("maxSockets must be positive, got " + maxSockets);
        }
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}
