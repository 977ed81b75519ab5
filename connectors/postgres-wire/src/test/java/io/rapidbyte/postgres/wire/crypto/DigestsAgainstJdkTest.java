package io.rapidbyte.postgres.wire.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Our SHA-256, HMAC, PBKDF2 and MD5 against the JDK's, on fixed vectors and random inputs. */
class DigestsAgainstJdkTest {

    private final Random random = new Random(0x5eed);

    @Test
    void sha256KnownVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                Hex.encode(Sha256.hash(new byte[0])));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hex.encode(Sha256.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Hex.encode(Sha256.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                        .getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void sha256RandomInputsAllLengthsAndSplits() throws Exception {
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        Sha256 ours = new Sha256();
        for (int len = 0; len < 300; len++) {
            byte[] data = randomBytes(len);
            assertArrayEquals(jdk.digest(data), Sha256.hash(data), "length " + len);
            // Feed the same data in random pieces through a reused instance.
            int p = 0;
            while (p < len) {
                int n = Math.min(len - p, random.nextInt(70));
                if (n == 1) {
                    ours.update(data[p]);
                } else {
                    ours.update(data, p, n);
                }
                p += n;
            }
            assertArrayEquals(jdk.digest(data), ours.digest(), "split length " + len);
        }
        byte[] big = randomBytes(1_000_003);
        assertArrayEquals(jdk.digest(big), Sha256.hash(big));
    }

    @Test
    void hmacRandomKeysAndMessages() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] key = randomBytes(1 + random.nextInt(150)); // crosses the 64-byte block size
            byte[] msg = randomBytes(random.nextInt(400));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal(msg);
            assertArrayEquals(expected, HmacSha256.mac(key, msg));
            HmacSha256 reused = new HmacSha256(key);
            reused.update(msg);
            reused.doFinal();
            reused.update(msg, 0, msg.length);
            assertArrayEquals(expected, reused.doFinal(), "instance must be reusable");
        }
    }

    @Test
    void pbkdf2MatchesJdk() throws Exception {
        SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        for (int i = 0; i < 20; i++) {
            String password = randomAscii(1 + random.nextInt(40));
            byte[] salt = randomBytes(8 + random.nextInt(24));
            int iterations = 1 + random.nextInt(3000);
            int length = 1 + random.nextInt(100); // multi-block too
            byte[] expected = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8))
                    .getEncoded();
            assertArrayEquals(expected,
                    Pbkdf2.deriveKey(password.getBytes(StandardCharsets.UTF_8), salt, iterations, length));
        }
        byte[] salt = randomBytes(16);
        byte[] expected = f.generateSecret(new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256)).getEncoded();
        assertArrayEquals(expected, Pbkdf2.hi("pencil".getBytes(StandardCharsets.UTF_8), salt, 4096));
        assertThrows(IllegalArgumentException.class, () -> Pbkdf2.hi(new byte[1], salt, 0));
    }

    @Test
    void md5MatchesJdk() throws Exception {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", Md5.hex(new byte[0]));
        assertEquals("9e107d9d372bb6826bd81d3542a419d6",
                Md5.hex("The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII)));
        MessageDigest jdk = MessageDigest.getInstance("MD5");
        for (int len = 0; len < 300; len++) {
            byte[] data = randomBytes(len);
            assertArrayEquals(jdk.digest(data), Md5.digest(data), "length " + len);
        }
        byte[] big = randomBytes(100_001);
        assertArrayEquals(jdk.digest(big), Md5.digest(big));
        byte[] framed = randomBytes(100);
        byte[] middle = java.util.Arrays.copyOfRange(framed, 7, 90);
        assertArrayEquals(jdk.digest(middle), Md5.digest(framed, 7, 83));
    }

    @Test
    void drbgIsDeterministicPerSeedAndDiffersAcrossSeeds() {
        byte[] a = new byte[100];
        byte[] b = new byte[100];
        new Sha256Drbg(new byte[] {1, 2, 3}).nextBytes(a);
        new Sha256Drbg(new byte[] {1, 2, 3}).nextBytes(b);
        assertArrayEquals(a, b);
        new Sha256Drbg(new byte[] {1, 2, 4}).nextBytes(b);
        assertEquals(false, java.util.Arrays.equals(a, b));
        Sha256Drbg d = new Sha256Drbg(new byte[] {9});
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        d.nextBytes(first);
        d.nextBytes(second);
        assertEquals(false, java.util.Arrays.equals(first, second), "state must advance");
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomAscii(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) (0x21 + random.nextInt(94)));
        }
        return sb.toString();
    }
}
