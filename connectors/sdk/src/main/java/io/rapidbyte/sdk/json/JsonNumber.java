package io.rapidbyte.sdk.json;

/**
 * A JSON number that is not a {@code long}: a decimal, an exponent form, or an integer beyond 64
 * bits. It keeps the exact source text, so decimals (prices, LSNs, NUMERIC columns) round-trip
 * without binary floating-point loss. Immutable and thread-safe.
 */
public final class JsonNumber extends Number {
    private static final long serialVersionUID = 1L;

    private final String text;

    /** Wraps {@code text}, which must be a valid JSON number (checked). */
    public JsonNumber(String text) {
        if (!JsonReader.isNumber(text)) {
            throw new JsonException("not a JSON number: " + text);
        }
        this.text = text;
    }

    /** True if the text has no fraction or exponent (an integer too large for {@code long}). */
    public boolean isIntegral() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int intValue() {
        return (int) longValue();
    }

    /** Truncates towards zero, saturating at the {@code long} range. */
    @Override
    public long longValue() {
        return (long) doubleValue();
    }

    @Override
    public float floatValue() {
        return (float) doubleValue();
    }

    @Override
    public double doubleValue() {
        return Double.parseDouble(text);
    }

    /** The exact JSON text. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber && ((JsonNumber) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
