package io.rapidbyte.source.postgres.ranges;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table of {@code pages} heap pages into at most {@code wanted} ctid page ranges of
 * (nearly) equal size: range {@code i} starts at page {@code i * pages / n}, ranges never overlap,
 * together they cover every page, and the last is open-ended so that rows in pages added after
 * planning are read too. An empty table (0 pages, e.g. never vacuumed nor analyzed) gets one
 * open-ended range; a table with fewer pages than {@code wanted} one range per page. Stateless.
 */
public final class RangePlanner {
    /** The most ranges {@code snapshot_ranges} may ask for. */
    public static final int MAX_RANGES = 1024;

    private RangePlanner() {
    }

    /** @param pages the table's size in pages (at least 0); @param wanted 1..{@value #MAX_RANGES} */
    public static List<PageRange> plan(long pages, int wanted) {
        if (pages < 0 || wanted < 1 || wanted > MAX_RANGES) {
            throw new IllegalArgumentException("cannot plan " + wanted + " ranges over " + pages + " pages");
        }
        long n = Math.max(1, Math.min(wanted, pages));
        List<PageRange> out = new ArrayList<PageRange>();
        for (long i = 0; i < n; i++) {
            long from = i * pages / n;
            long to = i == n - 1 ? PageRange.OPEN : (i + 1) * pages / n;
            out.add(new PageRange(Long.toString(i), from, to));
        }
        return out;
    }
}
