package io.rapidbyte.postgres.wire;

/** Reads the row count out of CommandComplete tags. Stateless. */
final class CommandTags {

    private CommandTags() {
    }

    /**
     * The trailing number of tags that carry one (SELECT, INSERT, UPDATE, DELETE,
     * MERGE, COPY, FETCH, MOVE), else -1.
     */
    static long rowCount(String tag) {
        if (tag == null) {
            return -1;
        }
        int sp = tag.lastIndexOf(' ');
        if (sp < 0 || sp == tag.length() - 1) {
            return -1;
        }
        String verb = tag.substring(0, tag.indexOf(' '));
        switch (verb) {
            case "SELECT":
            case "INSERT":
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "COPY":
            case "FETCH":
            case "MOVE":
                break;
            default:
                return -1;
        }
        long v = 0;
        for (int i = sp + 1; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
