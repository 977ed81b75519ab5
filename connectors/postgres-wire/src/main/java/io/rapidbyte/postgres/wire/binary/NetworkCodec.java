package io.rapidbyte.postgres.wire.binary;

import io.rapidbyte.postgres.wire.crypto.Hex;

/**
 * inet, cidr, macaddr and macaddr8: binary to PostgreSQL's text form and text to
 * binary.
 *
 * <p>inet/cidr binary: family (2 = IPv4, 3 = IPv6), prefix bits, is-cidr flag,
 * address length (4 or 16), address bytes. Text output follows the server:
 * IPv4 always shows four octets; the {@code /bits} suffix is shown for cidr
 * always and for inet only when it is not a full host mask; IPv6 compresses the
 * longest run of two or more zero groups with {@code ::} and prints
 * IPv4-mapped/compatible addresses with a dotted tail. Text input accepts that
 * same form (IPv4 must have four octets). Stateless; thread-safe.
 */
public final class NetworkCodec {

    /** PGSQL_AF_INET. */
    public static final int FAMILY_INET = 2;
    /** PGSQL_AF_INET6. */
    public static final int FAMILY_INET6 = 3;

    private NetworkCodec() {
    }

    /** inet or cidr value to text. */
    public static String inetText(byte[] b, int off, int len) {
        if (len < 4) {
            throw new BinaryFormatException("inet value shorter than its header");
        }
        int family = b[off] & 0xff;
        int bits = b[off + 1] & 0xff;
        boolean cidr = b[off + 2] != 0;
        int nb = b[off + 3] & 0xff;
        int expected = family == FAMILY_INET ? 4 : family == FAMILY_INET6 ? 16 : -1;
        if (expected < 0) {
            throw new BinaryFormatException("unknown inet family " + family);
        }
        if (nb != expected || len != 4 + nb || bits > nb * 8) {
            throw new BinaryFormatException("malformed inet value");
        }
        StringBuilder sb = new StringBuilder(48);
        if (family == FAMILY_INET) {
            appendIpv4(sb, b, off + 4);
        } else {
            appendIpv6(sb, b, off + 4);
        }
        if (cidr || bits != nb * 8) {
            sb.append('/').append(bits);
        }
        return sb.toString();
    }

    /** Length of the binary form of an inet/cidr text. */
    public static int inetEncodedLength(String text) {
        return text.indexOf(':') >= 0 ? 20 : 8;
    }

    /**
     * Encodes inet/cidr text at {@code out[off]}; returns the byte count (8 or 20).
     * {@code cidr} sets the is-cidr flag; host bits beyond the mask are sent as
     * given (the server rejects them for cidr).
     */
    public static int encodeInet(String text, boolean cidr, byte[] out, int off) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = addr.indexOf(':') >= 0;
        int nb = v6 ? 16 : 4;
        int bits = nb * 8;
        if (slash >= 0) {
            bits = parseDecimal(text, slash + 1, text.length(), nb * 8);
        }
        out[off] = (byte) (v6 ? FAMILY_INET6 : FAMILY_INET);
        out[off + 1] = (byte) bits;
        out[off + 2] = (byte) (cidr ? 1 : 0);
        out[off + 3] = (byte) nb;
        if (v6) {
            parseIpv6(addr, out, off + 4);
        } else {
            parseIpv4(addr, 0, addr.length(), out, off + 4);
        }
        return 4 + nb;
    }

    /** macaddr (6 bytes) or macaddr8 (8 bytes) to lower-case colon-separated text. */
    public static String macText(byte[] b, int off, int len) {
        if (len != 6 && len != 8) {
            throw new BinaryFormatException("macaddr value must be 6 or 8 bytes, got " + len);
        }
        StringBuilder sb = new StringBuilder(len * 3);
        for (int i = 0; i < len; i++) {
            if (i > 0) {
                sb.append(':');
            }
            Hex.appendByte(sb, b[off + i] & 0xff);
        }
        return sb.toString();
    }

    /**
     * Parses a MAC address (hex digits, optionally separated by ':', '-' or '.')
     * into {@code size} bytes (6 for macaddr, 8 for macaddr8). A 6-byte address
     * written to macaddr8 becomes EUI-64 with FF:FE in the middle, as the server
     * does.
     */
    public static void parseMac(String text, int size, byte[] out, int off) {
        byte[] tmp = new byte[8];
        int n = 0;
        int half = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || c == '-' || c == '.') {
                continue;
            }
            int d = Hex.digit(c);
            if (d < 0 || n == 8) {
                throw new BinaryFormatException("invalid MAC address text");
            }
            if (half < 0) {
                half = d;
            } else {
                tmp[n++] = (byte) ((half << 4) | d);
                half = -1;
            }
        }
        if (half >= 0 || (n != 6 && n != 8) || (size == 6 && n != 6)) {
            throw new BinaryFormatException("invalid MAC address text");
        }
        if (size == 8 && n == 6) {
            System.arraycopy(tmp, 0, out, off, 3);
            out[off + 3] = (byte) 0xff;
            out[off + 4] = (byte) 0xfe;
            System.arraycopy(tmp, 3, out, off + 5, 3);
        } else {
            System.arraycopy(tmp, 0, out, off, n);
        }
    }

    private static void appendIpv4(StringBuilder sb, byte[] b, int p) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(b[p + i] & 0xff);
        }
    }

    private static void appendIpv6(StringBuilder sb, byte[] b, int p) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = BigEndian.uint16(b, p + 2 * i);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            boolean embeddedV4 = i == 6 && bestBase == 0
                    && (bestLen == 6 || (bestLen == 7 && w[7] != 1) || (bestLen == 5 && w[5] == 0xffff));
            if (embeddedV4) {
                appendIpv4(sb, b, p + 12);
                return;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
    }

    private static void parseIpv4(String s, int from, int to, byte[] out, int off) {
        int part = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (part > 3) {
                    throw BinaryFormatException.invalid("invalid IPv4 address", s);
                }
                out[off + part++] = (byte) parseDecimal(s, start, i, 255);
                start = i + 1;
            }
        }
        if (part != 4) {
            throw BinaryFormatException.invalid("IPv4 address needs four octets", s);
        }
    }

    private static void parseIpv6(String s, byte[] out, int off) {
        int[] head = new int[8];
        int[] tail = new int[8];
        int nh = 0;
        int nt = 0;
        boolean gap = false;
        int i = 0;
        int n = s.length();
        if (s.startsWith("::")) {
            gap = true;
            i = 2;
        } else if (s.startsWith(":")) {
            throw BinaryFormatException.invalid("invalid IPv6 address", s);
        }
        while (i < n) {
            int j = i;
            while (j < n && s.charAt(j) != ':') {
                j++;
            }
            String group = s.substring(i, j);
            if (group.indexOf('.') >= 0) {
                if (j != n || (gap ? nt : nh) > 6) {
                    throw BinaryFormatException.invalid("invalid IPv6 address", s);
                }
                byte[] v4 = new byte[4];
                parseIpv4(group, 0, group.length(), v4, 0);
                int[] dst = gap ? tail : head;
                int k = gap ? nt : nh;
                dst[k] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                dst[k + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                if (gap) {
                    nt += 2;
                } else {
                    nh += 2;
                }
                i = n;
                break;
            }
            if (group.isEmpty() || group.length() > 4) {
                throw BinaryFormatException.invalid("invalid IPv6 address", s);
            }
            int v = 0;
            for (int k = 0; k < group.length(); k++) {
                int d = Hex.digit(group.charAt(k));
                if (d < 0) {
                    throw BinaryFormatException.invalid("invalid IPv6 address", s);
                }
                v = (v << 4) | d;
            }
            if (nh + nt >= 8) {
                throw BinaryFormatException.invalid("invalid IPv6 address", s);
            }
            if (gap) {
                tail[nt++] = v;
            } else {
                head[nh++] = v;
            }
            i = j;
            if (i < n) {
                if (s.startsWith("::", i)) {
                    if (gap) {
                        throw BinaryFormatException.invalid("invalid IPv6 address", s);
                    }
                    gap = true;
                    i += 2;
                } else {
                    i++;
                    if (i == n) {
                        throw BinaryFormatException.invalid("invalid IPv6 address", s);
                    }
                }
            }
        }
        if (nh + nt > 8 || (!gap && nh + nt != 8) || (gap && nh + nt == 8)) {
            throw BinaryFormatException.invalid("invalid IPv6 address", s);
        }
        int[] words = new int[8];
        System.arraycopy(head, 0, words, 0, nh);
        System.arraycopy(tail, 0, words, 8 - nt, nt);
        for (int k = 0; k < 8; k++) {
            BigEndian.putInt16(out, off + 2 * k, words[k]);
        }
    }

    private static int parseDecimal(String s, int from, int to, int max) {
        if (from >= to || to - from > 3) {
            throw BinaryFormatException.invalid("invalid number in address", s);
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw BinaryFormatException.invalid("invalid number in address", s);
            }
            v = v * 10 + (c - '0');
        }
        if (v > max) {
            throw BinaryFormatException.invalid("number out of range in address", s);
        }
        return v;
    }
}
