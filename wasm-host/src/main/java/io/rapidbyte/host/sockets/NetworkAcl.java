package io.rapidbyte.host.sockets;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The network allow-list of one connector: which {@code host:port} pairs {@code connect-tcp}
 * may reach. Everything not permitted by some rule is denied; an empty list denies all.
 *
 * <p>Rule syntax (whitespace around a rule is ignored; host names are case-insensitive):
 * <ul>
 *   <li>{@code *} — any host; {@code *:5432} — any host, port 5432</li>
 *   <li>{@code db.example.com}, {@code db:5432} — exactly that name</li>
 *   <li>{@code *.example.com} — any name ending in {@code .example.com} (at any depth), but
 *       not {@code example.com} itself</li>
 *   <li>{@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8} — an address or
 *       CIDR range, matched against the addresses the host name resolves to</li>
 *   <li>{@code :port} after any of these restricts the port ({@code *} for any port); an
 *       IPv6 literal or range with a port needs brackets: {@code [::1]:5432},
 *       {@code [fd00::/8]:5432}</li>
 * </ul>
 * A name rule trusts DNS for that name: whatever it resolves to may be reached. Address rules
 * apply to the resolved addresses, whatever name the guest used.
 *
 * <p><b>Thread-safety.</b> Immutable and thread-safe.
 */
public final class NetworkAcl {
    private static final NetworkAcl DENY_ALL = new NetworkAcl(List.of());

    private final List<AclRule> rules;

    private NetworkAcl(List<AclRule> rules) {
        this.rules = rules;
    }

    /**
     * Parses {@code rules}.
     *
     * @throws IllegalArgumentException naming the first malformed rule
     */
    public static NetworkAcl of(List<String> rules) {
        Objects.requireNonNull(rules, "rules");
        return new NetworkAcl(rules.stream().map(AclRule::parse).toList());
    }

    /** The allow-list that permits nothing. */
    public static NetworkAcl denyAll() {
        return DENY_ALL;
    }

    /**
     * Whether {@code host:port} may be reached at {@code resolved}: some rule with a matching
     * port matches the host name or the address.
     *
     * @param host     the name the guest asked for (any case, optional trailing dot, IPv6 with
     *                 or without brackets)
     * @param resolved one address {@code host} resolved to, or {@code null} to decide by name
     *                 alone
     */
    public boolean permits(String host, int port, InetAddress resolved) {
        String name = normalizeHost(host);
        for (AclRule rule : rules) {
            if (rule.matchesPort(port)
                    && (rule.matchesName(name) || (resolved != null && rule.matchesAddress(resolved)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether resolving {@code host} could lead to a permitted address. When this is false the
     * host is denied without a DNS lookup (a lookup alone can leak data out of the sandbox).
     */
    public boolean mayPermit(String host, int port) {
        String name = normalizeHost(host);
        for (AclRule rule : rules) {
            if (rule.matchesPort(port) && rule.mayMatch(name)) {
                return true;
            }
        }
        return false;
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    static String normalizeHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.length() >= 2 && h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    @Override
    public String toString() {
        return "NetworkAcl" + rules;
    }
}
