package io.rapidbyte.host.sockets;

import java.net.InetAddress;

/**
 * One parsed allow-list rule: a host pattern and a port (or any port). Immutable.
 */
final class AclRule {
    static final int ANY_PORT = -1;

    private enum Kind { ANY_HOST, NAME, SUFFIX, ADDRESS_RANGE }

    private final String text;
    private final Kind kind;
    /** Exact name, or for SUFFIX the suffix including its leading dot. */
    private final String name;
    private final byte[] network;
    private final int prefixBits;
    private final int port;

    private AclRule(String text, Kind kind, String name, byte[] network, int prefixBits, int port) {
        this.text = text;
        this.kind = kind;
        this.name = name;
        this.network = network;
        this.prefixBits = prefixBits;
        this.port = port;
    }

    /** Parses one rule; see {@link NetworkAcl} for the syntax. */
    static AclRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw malformed(rule, "empty rule");
        }
        String s = rule.trim();
        String hostPart;
        int port = ANY_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw malformed(rule, "missing ']'");
            }
            hostPart = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw malformed(rule, "expected ':port' after ']'");
                }
                port = parsePort(rule, rest.substring(1));
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            int colon = s.indexOf(':');
            hostPart = s.substring(0, colon);
            port = parsePort(rule, s.substring(colon + 1));
        } else {
            hostPart = s; // no port, or a bare IPv6 literal/range (two or more colons)
        }
        return parseHost(s, hostPart, port);
    }

    private static AclRule parseHost(String rule, String host, int port) {
        if (host.equals("*")) {
            return new AclRule(rule, Kind.ANY_HOST, null, null, 0, port);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            return parseRange(rule, host.substring(0, slash), host.substring(slash + 1), port);
        }
        byte[] address = IpLiterals.parse(host);
        if (address != null) {
            return new AclRule(rule, Kind.ADDRESS_RANGE, null, address, address.length * 8, port);
        }
        if (host.startsWith("*.")) {
            String suffix = host.substring(2);
            checkHostName(rule, suffix);
            return new AclRule(rule, Kind.SUFFIX, "." + NetworkAcl.normalizeHost(suffix), null, 0, port);
        }
        checkHostName(rule, host);
        return new AclRule(rule, Kind.NAME, NetworkAcl.normalizeHost(host), null, 0, port);
    }

    private static AclRule parseRange(String rule, String addressText, String prefixText, int port) {
        byte[] address = IpLiterals.parse(addressText);
        if (address == null) {
            throw malformed(rule, "'" + addressText + "' is not an IP address");
        }
        int maxBits = addressText.indexOf(':') >= 0 ? 128 : 32;
        int prefix = parseNumber(prefixText, maxBits);
        if (prefix < 0) {
            throw malformed(rule, "prefix length must be 0.." + maxBits);
        }
        if (maxBits == 128 && address.length == 4) {
            // An IPv4-mapped IPv6 range (::ffff:a.b.c.d/n); Java resolves such addresses to IPv4.
            if (prefix < 96) {
                throw malformed(rule, "an IPv4-mapped range needs a prefix of at least 96");
            }
            prefix -= 96;
        }
        return new AclRule(rule, Kind.ADDRESS_RANGE, null, address, prefix, port);
    }

    private static int parsePort(String rule, String text) {
        if (text.equals("*")) {
            return ANY_PORT;
        }
        int port = parseNumber(text, 65535);
        if (port < 1) {
            throw malformed(rule, "port must be 1..65535 or '*'");
        }
        return port;
    }

    /** A decimal number in 0..max, or -1. */
    private static int parseNumber(String text, int max) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v <= max ? v : -1;
    }

    private static void checkHostName(String rule, String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.length() > 253) {
            throw malformed(rule, "not a host name");
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw malformed(rule, "invalid host name label '" + label + "'");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_';
                if (!ok) {
                    throw malformed(rule, "invalid character '" + c + "' in host name");
                }
            }
        }
        // No top-level domain is numeric, so this is a mistyped IPv4 address ("10.0.0", "1.2.3.256").
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw malformed(rule, "not a valid IPv4 address or host name");
        }
    }

    private static IllegalArgumentException malformed(String rule, String why) {
        return new IllegalArgumentException("malformed network rule '" + rule + "': " + why);
    }

    boolean matchesPort(int p) {
        return port == ANY_PORT || port == p;
    }

    /** Whether the rule can be decided from the name alone as a match ({@code host} normalized). */
    boolean matchesName(String host) {
        return switch (kind) {
            case ANY_HOST -> true;
            case NAME -> name.equals(host);
            case SUFFIX -> host.length() > name.length() && host.endsWith(name);
            case ADDRESS_RANGE -> false;
        };
    }

    /** Whether this rule might permit {@code host} once it is resolved. */
    boolean mayMatch(String host) {
        return kind == Kind.ADDRESS_RANGE || matchesName(host);
    }

    boolean matchesAddress(InetAddress address) {
        if (kind == Kind.ANY_HOST) {
            return true;
        }
        if (kind != Kind.ADDRESS_RANGE) {
            return false;
        }
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
