package io.rapidbyte.host.sockets;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Parses IP address literals without ever touching DNS: a rule or host name that merely looks
 * odd must not trigger a lookup (a lookup from inside the sandbox is itself a way to leak data).
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /**
     * The address bytes (4 or 16) of an IPv4 dotted-quad or IPv6 literal, or {@code null} if
     * {@code text} is not one. IPv4 is strict: four decimal octets without leading zeros, so
     * {@code 010.0.0.1} (octal to some resolvers) is rejected rather than guessed.
     */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        return parseV4(text);
    }

    private static byte[] parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String text) {
        char first = text.charAt(0);
        if (first != ':' && Character.digit(first, 16) < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                return null;
            }
        }
        // With a leading hex digit or ':' and a ':' inside, InetAddress only parses the literal
        // and never resolves (it throws "invalid IPv6 address" instead).
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
