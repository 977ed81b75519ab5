package io.rapidbyte.postgres.wire;

import io.rapidbyte.sdk.text.Utf8;
import io.rapidbyte.postgres.wire.crypto.Hex;
import io.rapidbyte.postgres.wire.crypto.Md5;

/**
 * PostgreSQL's legacy md5 password response:
 * {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}. Stateless.
 */
final class Md5Password {

    private Md5Password() {
    }

    static String response(String user, String password, byte[] salt4) {
        byte[] pu = Utf8.encode(password + user);
        byte[] inner = Utf8.encode(Md5.hex(pu));
        java.util.Arrays.fill(pu, (byte) 0);
        byte[] salted = new byte[inner.length + 4];
        System.arraycopy(inner, 0, salted, 0, inner.length);
        System.arraycopy(salt4, 0, salted, inner.length, 4);
        return "md5" + Hex.encode(Md5.digest(salted));
    }
}
