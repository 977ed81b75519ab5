package io.rapidbyte.postgres.wire;

/** Parses the server version parameters into PostgreSQL's numeric form (170006). Stateless. */
final class ServerVersion {

    private ServerVersion() {
    }

    static int parse(String versionNum, String version) {
        int v = leadingInt(versionNum, 0);
        if (v > 0) {
            return v;
        }
        if (version == null) {
            return -1;
        }
        int major = leadingInt(version, 0);
        if (major <= 0) {
            return -1;
        }
        int dot = version.indexOf('.');
        int minor = dot < 0 ? 0 : Math.max(0, leadingInt(version, dot + 1));
        return major >= 10 ? major * 10000 + minor : major * 10000 + minor * 100;
    }

    private static int leadingInt(String s, int from) {
        if (s == null) {
            return -1;
        }
        int v = 0;
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v < 100_000_000) {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
        }
        return i == from ? -1 : v;
    }
}
