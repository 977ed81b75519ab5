/**
 * The hash functions authentication needs (SHA-256, HMAC-SHA-256, PBKDF2, MD5,
 * base64, a SHA-256 DRBG), written out because TeaVM guests have no
 * {@code java.security}. Verified against the JDK in tests.
 */
package io.rapidbyte.postgres.wire.crypto;
