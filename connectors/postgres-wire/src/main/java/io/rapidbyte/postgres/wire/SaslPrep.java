package io.rapidbyte.postgres.wire;

import io.rapidbyte.sdk.text.Utf8;

/**
 * Turns a password into the bytes SCRAM hashes, following what PostgreSQL does
 * on both ends (libpq and the server's verifier): SASLprep (RFC 4013), and the
 * raw UTF-8 bytes whenever SASLprep rejects the string.
 *
 * <p>What is implemented: pure-ASCII passwords are used as they are (exactly as
 * PostgreSQL does); otherwise non-ASCII spaces map to U+0020, "commonly mapped to
 * nothing" characters are removed, and any prohibited character (controls,
 * private use, non-characters, surrogates, bidi/tagging marks) makes the raw
 * bytes win. Not implemented, because TeaVM has no Unicode normalisation tables:
 * NFKC, the unassigned-code-point check and the bidi rule. A non-ASCII password
 * therefore only works if it is already in NFKC (typical composed input is) and
 * contains no code points unassigned in Unicode 3.2. Stateless; thread-safe.
 */
final class SaslPrep {

    private SaslPrep() {
    }

    static byte[] prepare(String password) {
        boolean ascii = true;
        for (int i = 0; i < password.length(); i++) {
            if (password.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return Utf8.encode(password);
        }
        StringBuilder mapped = new StringBuilder(password.length());
        for (int i = 0; i < password.length(); ) {
            int cp = password.codePointAt(i);
            i += Character.charCount(cp);
            if (isNonAsciiSpace(cp)) {
                mapped.append(' ');
            } else if (!isMappedToNothing(cp)) {
                if (isProhibited(cp)) {
                    return Utf8.encode(password);
                }
                mapped.appendCodePoint(cp);
            }
        }
        return Utf8.encode(mapped);
    }

    // RFC 3454 table C.1.2.
    private static boolean isNonAsciiSpace(int cp) {
        return cp == 0x00a0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b)
                || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    // RFC 3454 table B.1.
    private static boolean isMappedToNothing(int cp) {
        return cp == 0x00ad || cp == 0x034f || cp == 0x1806 || (cp >= 0x180b && cp <= 0x180d)
                || (cp >= 0x200b && cp <= 0x200d) || cp == 0x2060 || (cp >= 0xfe00 && cp <= 0xfe0f)
                || cp == 0xfeff;
    }

    // RFC 3454 tables C.2.1, C.2.2, C.3 to C.9.
    private static boolean isProhibited(int cp) {
        if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
            return true;
        }
        if (cp == 0x06dd || cp == 0x070f || cp == 0x180e || cp == 0x200c || cp == 0x200d
                || cp == 0x2028 || cp == 0x2029 || (cp >= 0x2060 && cp <= 0x2063)
                || (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffd)
                || (cp >= 0x1d173 && cp <= 0x1d17a)) {
            return true;
        }
        if ((cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd)) {
            return true;
        }
        if ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe || (cp >= 0xd800 && cp <= 0xdfff)) {
            return true;
        }
        if ((cp >= 0x2ff0 && cp <= 0x2ffb) || cp == 0x0340 || cp == 0x0341 || cp == 0x200e || cp == 0x200f
                || (cp >= 0x202a && cp <= 0x202e)) {
            return true;
        }
        return cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f);
    }
}
