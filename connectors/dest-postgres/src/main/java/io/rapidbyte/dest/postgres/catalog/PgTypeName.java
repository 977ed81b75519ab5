package io.rapidbyte.dest.postgres.catalog;

/**
 * A PostgreSQL type name as {@code format_type()} prints it ({@code numeric(12,2)},
 * {@code character varying(40)[]}, {@code timestamp(3) with time zone}, {@code "MyEnum"},
 * {@code public.mood}), split into base name, modifiers and array suffix. Type names from batch
 * metadata become DDL text, so {@link #parse} accepts only that grammar: identifiers (quoted or
 * not, dotted), the multi-word suffixes format_type uses, one parenthesised list of integers and
 * {@code []} pairs. Anything else is refused. Immutable.
 */
public final class PgTypeName {
    private static final String[] SUFFIX_WORDS = {
        "precision", "varying", "with", "without", "time", "zone",
        "year", "month", "day", "hour", "minute", "second", "to",
    };

    private final String text;
    private final String base;
    private final int[] mods;
    private final int dims;

    private PgTypeName(String text, String base, int[] mods, int dims) {
        this.text = text;
        this.base = base;
        this.mods = mods;
        this.dims = dims;
    }

    /** The parsed name, or null if {@code text} is not a plain type name. */
    public static PgTypeName parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 200) {
            return null;
        }
        Parser p = new Parser(text);
        return p.run();
    }

    /** The text as given (safe to put into DDL once parsed). */
    public String text() {
        return text;
    }

    /** The name without modifiers or array suffix, words separated by one space. */
    public String base() {
        return base;
    }

    /** The type modifiers, or null when there are none. */
    public int[] mods() {
        return mods;
    }

    public int mod(int i) {
        return mods != null && i < mods.length ? mods[i] : Integer.MIN_VALUE;
    }

    public boolean hasMods() {
        return mods != null;
    }

    /** Number of {@code []} pairs (format_type prints one whatever the dimensions). */
    public int arrayDims() {
        return dims;
    }

    public boolean isArray() {
        return dims > 0;
    }

    /** The element type of an array: this name without its {@code []}. */
    public PgTypeName element() {
        String t = text.trim();
        int cut = t.length();
        while (cut >= 2 && t.charAt(cut - 1) == ']') {
            int open = t.lastIndexOf('[', cut - 1);
            cut = open;
        }
        return new PgTypeName(t.substring(0, cut).trim(), base, mods, 0);
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Parser {
        private final String s;
        private int i;
        private final StringBuilder base = new StringBuilder();
        private int[] mods;
        private int dims;

        Parser(String s) {
            this.s = s;
        }

        PgTypeName run() {
            if (!name()) {
                return null;
            }
            while (true) {
                skipSpaces();
                if (i >= s.length()) {
                    break;
                }
                char c = s.charAt(i);
                if (c == '(' && mods == null && dims == 0) {
                    if (!modifiers()) {
                        return null;
                    }
                } else if (c == '[') {
                    if (!arraySuffix()) {
                        return null;
                    }
                } else if (isWordStart(c) && dims == 0) {
                    String w = word();
                    if (!isSuffixWord(w)) {
                        return null;
                    }
                    base.append(' ').append(w);
                } else {
                    return null;
                }
            }
            return new PgTypeName(s.trim(), base.toString(), mods, dims);
        }

        private boolean name() {
            skipSpaces();
            while (true) {
                if (i >= s.length()) {
                    return false;
                }
                char c = s.charAt(i);
                if (c == '"') {
                    int start = i++;
                    while (true) {
                        if (i >= s.length()) {
                            return false;
                        }
                        char q = s.charAt(i++);
                        if (q == 0) {
                            return false;
                        }
                        if (q == '"') {
                            if (i < s.length() && s.charAt(i) == '"') {
                                i++;
                                continue;
                            }
                            break;
                        }
                    }
                    base.append(s, start, i);
                } else if (isWordStart(c)) {
                    base.append(word());
                } else {
                    return false;
                }
                if (i < s.length() && s.charAt(i) == '.') {
                    base.append('.');
                    i++;
                    continue;
                }
                return true;
            }
        }

        private boolean modifiers() {
            i++; // (
            int[] out = new int[4];
            int n = 0;
            while (true) {
                skipSpaces();
                boolean negative = false;
                if (i < s.length() && s.charAt(i) == '-') {
                    negative = true;
                    i++;
                }
                int start = i;
                long v = 0;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 9) {
                    v = v * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start || n == out.length) {
                    return false;
                }
                out[n++] = (int) (negative ? -v : v);
                skipSpaces();
                if (i >= s.length()) {
                    return false;
                }
                char c = s.charAt(i++);
                if (c == ')') {
                    break;
                }
                if (c != ',') {
                    return false;
                }
            }
            mods = new int[n];
            System.arraycopy(out, 0, mods, 0, n);
            return true;
        }

        private boolean arraySuffix() {
            i++; // [
            int digits = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 9) {
                i++;
                digits++;
            }
            if (i >= s.length() || s.charAt(i) != ']' || dims >= 6) {
                return false;
            }
            i++;
            dims++;
            return true;
        }

        private String word() {
            int start = i;
            while (i < s.length() && isWordPart(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private static boolean isWordStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        }

        private static boolean isWordPart(char c) {
            return isWordStart(c) || (c >= '0' && c <= '9') || c == '$';
        }

        private static boolean isSuffixWord(String w) {
            for (String s : SUFFIX_WORDS) {
                if (s.equals(w)) {
                    return true;
                }
            }
            return false;
        }
    }
}
