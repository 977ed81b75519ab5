package io.rapidbyte.postgres.guest;

/**
 * Last line of defence for the password: replaces every occurrence of it in a message or log line.
 * Nothing in this connector formats the password into text; this catches the cases nobody foresaw
 * (a server or host message echoing it). Immutable.
 */
public final class Redactor {
    public static final String MASK = "<redacted>";
    private static final Redactor NONE = new Redactor(null);

    private final String secret;

    private Redactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    /** Redacts {@code secret}; null or empty means nothing to redact. */
    public static Redactor of(String secret) {
        return secret == null || secret.isEmpty() ? NONE : new Redactor(secret);
    }

    public static Redactor none() {
        return NONE;
    }

    /** {@code text} with every occurrence of the secret masked; null stays null. */
    public String redact(String text) {
        if (secret == null || text == null || text.indexOf(secret) < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int from = 0;
        int at;
        while ((at = text.indexOf(secret, from)) >= 0) {
            sb.append(text, from, at).append(MASK);
            from = at + secret.length();
        }
        return sb.append(text, from, text.length()).toString();
    }
}
