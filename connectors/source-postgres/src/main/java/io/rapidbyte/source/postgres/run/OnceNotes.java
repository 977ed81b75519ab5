package io.rapidbyte.source.postgres.run;

import io.rapidbyte.postgres.guest.Log;
import io.rapidbyte.source.postgres.decode.DecodeNotes;
import java.util.HashSet;
import java.util.Set;

/** Logs each distinct (column, remark) once per run, at info level. Not thread-safe. */
public final class OnceNotes implements DecodeNotes {
    private final String stream;
    private final Log log;
    private final Set<String> seen = new HashSet<String>();

    public OnceNotes(String stream, Log log) {
        this.stream = stream;
        this.log = log;
    }

    @Override
    public void note(String column, String remark) {
        if (seen.add(column + "\u0000" + remark)) {
            log.info("stream " + stream + ", column \"" + column + "\": " + remark);
        }
    }
}
