package io.rapidbyte.postgres.wire.binary;

/**
 * Text form of numeric: parsing into and printing from {@link PgNumeric}'s
 * base-10000 representation, with PostgreSQL's output rules (no exponent, all
 * display-scale digits printed). Stateless; thread-safe.
 */
final class NumericText {

    private static final int MAX_EXPONENT = 1_000_000;

    private NumericText() {
    }

    static void parse(String s, PgNumeric n) {
        n.reset();
        if (special(s, n)) {
            return;
        }
        int len = s.length();
        int i = 0;
        boolean neg = false;
        if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        char[] ds = new char[len];
        int nd = 0;
        int intLen = 0;
        int fracLen = 0;
        boolean point = false;
        for (; i < len; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                ds[nd++] = c;
                if (point) {
                    fracLen++;
                } else {
                    intLen++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (nd == 0) {
            throw BinaryFormatException.invalid("invalid numeric text", s);
        }
        long exp = 0;
        if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean expNeg = false;
            if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                expNeg = s.charAt(i) == '-';
                i++;
            }
            int start = i;
            for (; i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
                exp = exp * 10 + (s.charAt(i) - '0');
                if (exp > MAX_EXPONENT) {
                    throw BinaryFormatException.invalid("numeric exponent out of range", s);
                }
            }
            if (i == start) {
                throw BinaryFormatException.invalid("invalid numeric text", s);
            }
            if (expNeg) {
                exp = -exp;
            }
        }
        if (i != len) {
            throw BinaryFormatException.invalid("invalid numeric text", s);
        }
        long dscale = Math.max(0, fracLen - exp);
        if (dscale > PgNumeric.MAX_DSCALE) {
            throw BinaryFormatException.invalid("numeric scale out of range", s);
        }
        n.dscale = (int) dscale;
        int first = 0;
        while (first < nd && ds[first] == '0') {
            first++;
        }
        if (first == nd) {
            return; // zero: no digits, positive, weight 0
        }
        int last = nd - 1;
        while (ds[last] == '0') {
            last--;
        }
        // Digit ds[k] stands for ds[k] * 10^(point - 1 - k); groups cover exponents 4g..4g+3.
        long pointPos = intLen + exp;
        long eFirst = pointPos - 1 - first;
        long eLast = pointPos - 1 - last;
        long weight = floorDiv4(eFirst);
        long lastWeight = floorDiv4(eLast);
        if (weight > Short.MAX_VALUE || lastWeight < Short.MIN_VALUE) {
            throw BinaryFormatException.invalid("numeric value out of range", s);
        }
        int count = (int) (weight - lastWeight + 1);
        n.ensureDigits(count);
        for (int g = 0; g < count; g++) {
            n.digits[g] = 0;
        }
        for (int k = first; k <= last; k++) {
            long e = pointPos - 1 - k;
            long gw = floorDiv4(e);
            int idx = (int) (weight - gw);
            n.digits[idx] = (short) (n.digits[idx] + (ds[k] - '0') * PgNumeric.POW10[(int) (e - 4 * gw)]);
        }
        n.negative = neg;
        n.weight = (int) weight;
        n.ndigits = count;
    }

    static String format(PgNumeric n) {
        switch (n.kind) {
            case NAN:
                return "NaN";
            case POSITIVE_INFINITY:
                return "Infinity";
            case NEGATIVE_INFINITY:
                return "-Infinity";
            default:
                break;
        }
        StringBuilder sb = new StringBuilder(n.ndigits * 4 + n.dscale + 4);
        if (n.negative && n.ndigits > 0) {
            sb.append('-');
        }
        if (n.weight < 0 || n.ndigits == 0) {
            sb.append('0');
        } else {
            for (int k = 0; k <= n.weight; k++) {
                int d = k < n.ndigits ? n.digits[k] : 0;
                if (k == 0) {
                    sb.append(d);
                } else {
                    appendGroup(sb, d, 4);
                }
            }
        }
        if (n.dscale > 0) {
            sb.append('.');
            int remaining = n.dscale;
            for (int k = n.ndigits == 0 ? 0 : n.weight + 1; remaining > 0; k++) {
                int d = k >= 0 && k < n.ndigits && n.ndigits > 0 ? n.digits[k] : 0;
                int take = Math.min(4, remaining);
                appendGroup(sb, d / PgNumeric.POW10[4 - take], take);
                remaining -= take;
            }
        }
        return sb.toString();
    }

    private static void appendGroup(StringBuilder sb, int value, int width) {
        for (int p = width - 1; p >= 0; p--) {
            sb.append((char) ('0' + (value / PgNumeric.POW10[p]) % 10));
        }
    }

    private static long floorDiv4(long e) {
        return e >= 0 ? e / 4 : -((-e + 3) / 4);
    }

    private static boolean special(String s, PgNumeric n) {
        String l = s.toLowerCase();
        if (l.equals("nan")) {
            n.kind = PgNumeric.Kind.NAN;
        } else if (l.equals("infinity") || l.equals("+infinity") || l.equals("inf") || l.equals("+inf")) {
            n.kind = PgNumeric.Kind.POSITIVE_INFINITY;
        } else if (l.equals("-infinity") || l.equals("-inf")) {
            n.kind = PgNumeric.Kind.NEGATIVE_INFINITY;
        } else {
            return false;
        }
        return true;
    }
}
