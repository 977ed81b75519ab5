package io.rapidbyte.postgres.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * Last line of defence for secrets (the password, the TLS private key): replaces every occurrence
 * of them in a message or log line. Nothing in the connectors formats a secret into text; this
 * catches the cases nobody foresaw (a server or host message echoing one). Immutable.
 */
public final class Redactor {
    public static final String MASK = "<redacted>";
    private static final Redactor NONE = new Redactor(new ArrayList<String>());

    private final List<String> secrets;

    private Redactor(List<String> secrets) {
        this.secrets = secrets;
    }

    /** Redacts each of {@code secrets}; null or empty ones mean nothing to redact. */
    public static Redactor of(String... secrets) {
        List<String> kept = new ArrayList<String>();
        for (String s : secrets) {
            if (s != null && !s.isEmpty()) {
                kept.add(s);
            }
        }
        return kept.isEmpty() ? NONE : new Redactor(kept);
    }

    public static Redactor none() {
        return NONE;
    }

    /** {@code text} with every occurrence of a secret masked; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = mask(out, secret);
        }
        return out;
    }

    private static String mask(String text, String secret) {
        if (text.indexOf(secret) < 0) {
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
