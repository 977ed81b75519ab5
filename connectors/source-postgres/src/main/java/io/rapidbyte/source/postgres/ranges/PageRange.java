package io.rapidbyte.source.postgres.ranges;

import io.rapidbyte.sdk.ConnectorError;
import io.rapidbyte.sdk.json.Json;
import io.rapidbyte.sdk.json.JsonObject;

/**
 * One part of a table read by ctid: the rows in heap pages {@code [fromPage, toPage)}, or from
 * {@code fromPage} on when {@link #isOpenEnded() open-ended} (the last range of a plan, so rows in
 * pages added after planning are still read). Its JSON form is what {@code discover} offers and
 * what a ranged {@code run-read} gets back as ctx-json {@code range}:
 * {@code {"id": "2", "from_page": 250, "to_page": 375}} ({@code to_page} left out when open-ended).
 * Immutable.
 */
public final class PageRange {
    /** {@link #toPage()} of an open-ended range. */
    public static final long OPEN = -1;

    private final String id;
    private final long fromPage;
    private final long toPage;

    public PageRange(String id, long fromPage, long toPage) {
        if (fromPage < 0 || (toPage != OPEN && toPage <= fromPage)) {
            throw new IllegalArgumentException("bad page range " + fromPage + ".." + toPage);
        }
        this.id = id;
        this.fromPage = fromPage;
        this.toPage = toPage;
    }

    public String id() {
        return id;
    }

    public long fromPage() {
        return fromPage;
    }

    /** First page after the range, or {@link #OPEN}. */
    public long toPage() {
        return toPage;
    }

    public boolean isOpenEnded() {
        return toPage == OPEN;
    }

    public JsonObject toJson() {
        JsonObject o = Json.object().with("id", id).with("from_page", fromPage);
        if (!isOpenEnded()) {
            o.with("to_page", toPage);
        }
        return o;
    }

    /**
     * Reads the ctx-json {@code range} of a run.
     *
     * @throws io.rapidbyte.sdk.ConnectorException config/RANGE_INVALID when it is not the form
     *         {@link #toJson} writes
     */
    public static PageRange fromJson(String stream, JsonObject o) {
        Object id = o.get("id");
        Object from = o.get("from_page");
        Object to = o.get("to_page");
        if (!(id instanceof String) || !(from instanceof Long) || (to != null && !(to instanceof Long))
                || ((Long) from).longValue() < 0 || (to != null && ((Long) to).longValue() <= ((Long) from).longValue())) {
            throw invalid(stream, o);
        }
        return new PageRange((String) id, ((Long) from).longValue(), to == null ? OPEN : ((Long) to).longValue());
    }

    private static RuntimeException invalid(String stream, JsonObject o) {
        return ConnectorError.config("RANGE_INVALID", "stream " + stream + ": ctx-json range " + o.toJson()
                + " is not {\"id\": text, \"from_page\": n, \"to_page\": m > n (left out: open-ended)}").toException();
    }

    @Override
    public String toString() {
        return "range " + id + " (pages " + fromPage + (isOpenEnded() ? " on" : ".." + toPage) + ")";
    }
}
