package io.rapidbyte.postgres.wire;

/**
 * Receives NoticeResponse messages (warnings, notices) as they arrive. Called on
 * the thread using the connection, in the middle of whatever operation read the
 * notice; it must not use the connection.
 */
public interface NoticeListener {

    void onNotice(PgServerMessage notice);
}
