package io.rapidbyte.examples.mask;

import io.rapidbyte.sdk.ConnectorError;

/**
 * Rewrites a change batch's {@code _rapidbyte_unchanged} value (BATCH-METADATA.md: {@code ",i,j,"},
 * 0-based indexes among the table's columns) after columns were dropped: a dropped column's index
 * goes, later ones move down. Stateless.
 */
public final class UnchangedIndexes {
    private UnchangedIndexes() {
    }

    /**
     * @param newIndex for each input table column, its index among the output's table columns, or -1 if dropped
     * @return the rewritten list, or null when no index is left (the field's value for "none")
     * @throws io.rapidbyte.sdk.ConnectorException data {@code INVALID_BATCH} for a value that is not such a list
     */
    public static String rewrite(String value, int[] newIndex) {
        if (value.length() < 2 || value.charAt(0) != ',' || value.charAt(value.length() - 1) != ',') {
            throw invalid(value);
        }
        StringBuilder out = new StringBuilder(value.length());
        int start = 1;
        while (start < value.length()) {
            int end = value.indexOf(',', start);
            int index = parseIndex(value, start, end);
            if (index >= newIndex.length) {
                throw invalid(value);
            }
            if (newIndex[index] >= 0) {
                out.append(',').append(newIndex[index]);
            }
            start = end + 1;
        }
        return out.length() == 0 ? null : out.append(',').toString();
    }

    private static int parseIndex(String value, int start, int end) {
        if (end <= start || end - start > 9) {
            throw invalid(value);
        }
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(value);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static RuntimeException invalid(String value) {
        return ConnectorError.data("INVALID_BATCH", "mask: _rapidbyte_unchanged value \"" + value
                + "\" is not a list \",i,j,\" of table column indexes").toException();
    }
}
