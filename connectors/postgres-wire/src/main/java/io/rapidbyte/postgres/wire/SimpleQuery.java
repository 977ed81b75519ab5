package io.rapidbyte.postgres.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Executes one simple-protocol Query message, which may hold several statements,
 * and collects every result set up to ReadyForQuery. On an error the remaining
 * messages are still consumed, so the connection stays usable afterwards.
 *
 * <p>COPY statements belong to {@link CopyOut} and {@link CopyIn}: a COPY FROM
 * STDIN met here is aborted with CopyFail, a COPY TO STDOUT is drained, and the
 * call fails with {@link IllegalArgumentException} after the connection is idle
 * again. Single use; not thread-safe.
 */
final class SimpleQuery {

    private final Session session;

    SimpleQuery(Session session) {
        this.session = session;
    }

    List<QueryResult> execute(String sql) throws PgException {
        sendQuery(session, sql);
        List<QueryResult> results = new ArrayList<>();
        List<PgColumn> columns = Collections.emptyList();
        List<String[]> rows = new ArrayList<>();
        PgException error = null;
        String misuse = null;
        MessageReader in = session.in;
        while (true) {
            int type = session.next();
            try {
                switch (type) {
                    case 'T':
                        columns = BackendMessages.rowDescription(in.buffer(), in.bodyOffset(), in.bodyLength());
                        rows = new ArrayList<>();
                        break;
                    case 'D':
                        rows.add(BackendMessages.dataRowText(in.buffer(), in.bodyOffset(), in.bodyLength()));
                        break;
                    case 'C':
                        results.add(new QueryResult(columns, rows,
                                BackendMessages.commandTag(in.buffer(), in.bodyOffset(), in.bodyLength()), false));
                        columns = Collections.emptyList();
                        rows = new ArrayList<>();
                        break;
                    case 'I':
                        results.add(new QueryResult(Collections.<PgColumn>emptyList(), new ArrayList<String[]>(),
                                null, true));
                        break;
                    case 'E':
                        PgException e = session.errorFromCurrent();
                        if (e.connectionBroken()) {
                            throw e; // FATAL: no ReadyForQuery will follow
                        }
                        if (error == null) {
                            error = e;
                        }
                        break;
                    case 'G':
                        misuse = "COPY FROM STDIN must go through PgConnection.copyIn";
                        session.out.begin('f');
                        session.out.cstring(misuse);
                        session.out.end();
                        session.flush();
                        break;
                    case 'H':
                        misuse = "COPY TO STDOUT must go through PgConnection.copyOut";
                        break;
                    case 'd':
                    case 'c':
                        break; // data of a misused COPY TO STDOUT: discarded
                    case 'Z':
                        session.onReadyForQuery();
                        if (error != null && (misuse == null || !"57014".equals(error.sqlState()))) {
                            throw error;
                        }
                        if (misuse != null) {
                            throw new IllegalArgumentException(misuse);
                        }
                        return results;
                    default:
                        throw session.unexpected(type, "simple query");
                }
            } catch (IllegalArgumentException e) {
                if (type == 'Z') {
                    throw e;
                }
                throw session.protocolViolation(e.getMessage());
            }
        }
    }

    static void sendQuery(Session session, String sql) throws PgException {
        session.out.begin('Q');
        session.out.cstring(sql);
        session.out.end();
        session.flush();
    }
}
