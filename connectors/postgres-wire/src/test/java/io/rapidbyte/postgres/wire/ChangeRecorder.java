package io.rapidbyte.postgres.wire;

import io.rapidbyte.postgres.wire.binary.ScalarCodec;
import io.rapidbyte.postgres.wire.binary.PgOids;
import io.rapidbyte.postgres.wire.pgoutput.PgOutputHandler;
import io.rapidbyte.postgres.wire.pgoutput.Relation;
import io.rapidbyte.postgres.wire.pgoutput.TupleData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders decoded pgoutput messages as short lines (int4 and text values decoded), for tests. */
final class ChangeRecorder implements PgOutputHandler {
    final List<String> lines = new ArrayList<>();
    final Map<Integer, Relation> relations = new HashMap<>();
    long lastCommitEnd;
    long lastCommitLsn;
    long lastBeginFinal;
    int commits;

    @Override
    public void begin(long finalLsn, long commitTimeMicros, int xid) {
        lastBeginFinal = finalLsn;
        lines.add("BEGIN");
    }

    @Override
    public void commit(long commitLsn, long endLsn, long commitTimeMicros) {
        lastCommitLsn = commitLsn;
        lastCommitEnd = endLsn;
        commits++;
        lines.add("COMMIT");
    }

    @Override
    public void relation(Relation r) {
        relations.put(r.id(), r);
        StringBuilder b = new StringBuilder("RELATION ").append(r.namespace()).append('.').append(r.name())
                .append(' ').append(r.replicaIdentity());
        for (int i = 0; i < r.columnCount(); i++) {
            b.append(' ').append(r.columnName(i)).append(r.isKey(i) ? "*" : "");
        }
        lines.add(b.toString());
    }

    @Override
    public void type(int oid, String namespace, String name) {
        lines.add("TYPE " + namespace + "." + name);
    }

    @Override
    public void insert(int relationId, TupleData t) {
        lines.add("INSERT " + render(relationId, t));
    }

    @Override
    public void update(int relationId, char oldKind, TupleData oldTuple, TupleData t) {
        lines.add("UPDATE " + (oldKind == 0 ? "" : oldKind + render(relationId, oldTuple) + " -> ") + render(relationId, t));
    }

    @Override
    public void delete(int relationId, char oldKind, TupleData oldTuple) {
        lines.add("DELETE " + oldKind + render(relationId, oldTuple));
    }

    @Override
    public void truncate(int[] relationIds, boolean cascade, boolean restartIdentity) {
        StringBuilder b = new StringBuilder("TRUNCATE");
        for (int id : relationIds) {
            b.append(' ').append(relations.get(id).name());
        }
        lines.add(b.append(restartIdentity ? " restart" : "").toString());
    }

    private String render(int relationId, TupleData t) {
        Relation r = relations.get(relationId);
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < t.columnCount(); i++) {
            b.append(i == 0 ? "" : ",");
            switch (t.kind(i)) {
                case TupleData.NULL:
                    b.append("null");
                    break;
                case TupleData.UNCHANGED:
                    b.append("unchanged");
                    break;
                case TupleData.TEXT:
                    b.append("t:").append(ScalarCodec.text(t.buffer(), t.offset(i), t.length(i)));
                    break;
                default:
                    if (r.typeOid(i) == PgOids.INT4) {
                        b.append(ScalarCodec.int4(t.buffer(), t.offset(i), t.length(i)));
                    } else {
                        String s = ScalarCodec.text(t.buffer(), t.offset(i), t.length(i));
                        b.append(s.length() > 20 ? s.substring(0, 3) + "..#" + s.length() : s);
                    }
            }
        }
        return b.append(')').toString();
    }
}
