package io.rapidbyte.host.sockets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Certificates and private keys from PEM text, as connectors pass them to {@code socket-start-tls}.
 * Keys must be unencrypted: PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519/Ed448) or PKCS#1
 * ({@code RSA PRIVATE KEY}). Messages name what is wrong, never the PEM content. Stateless.
 */
final class PemMaterial {
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};

    private PemMaterial() {
    }

    /** Every certificate in {@code pem}, in order; at least one. */
    static List<X509Certificate> certificates(String pem, String what) throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        try {
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
        } catch (CertificateException e) {
            throw new GeneralSecurityException(what + " is not PEM certificate text (" + e.getMessage() + ")");
        }
        if (out.isEmpty()) {
            throw new GeneralSecurityException(what + " holds no certificate");
        }
        return out;
    }

    /** The one private key in {@code pem}. */
    static PrivateKey privateKey(String pem, String what) throws GeneralSecurityException {
        if (pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new GeneralSecurityException(what + " is encrypted; give the key unencrypted");
        }
        byte[] pkcs8;
        if (pem.contains("-----BEGIN PRIVATE KEY-----")) {
            pkcs8 = body(pem, "PRIVATE KEY", what);
        } else if (pem.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            pkcs8 = rsaPkcs1ToPkcs8(body(pem, "RSA PRIVATE KEY", what));
        } else if (pem.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new GeneralSecurityException(what + " is a SEC1 EC key; convert it to PKCS#8 "
                    + "(openssl pkcs8 -topk8 -nocrypt)");
        } else {
            throw new GeneralSecurityException(what + " holds no PEM private key (BEGIN PRIVATE KEY or "
                    + "BEGIN RSA PRIVATE KEY)");
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new GeneralSecurityException(what + " is not an RSA, EC or EdDSA private key this JVM can read");
    }

    /**
     * Fails unless {@code key} is the private half of {@code certificate}'s public key (a key
     * store takes any pair; a mismatch would only show as a server's refusal much later).
     */
    static void checkPair(PrivateKey key, X509Certificate certificate, String what) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return; // no way to test it here; the handshake will tell
        }
        byte[] challenge = new byte[32];
        new java.security.SecureRandom().nextBytes(challenge);
        boolean fits;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            fits = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            fits = false;
        }
        if (!fits) {
            throw new GeneralSecurityException(what);
        }
    }

    private static byte[] body(String pem, String label, String what) throws GeneralSecurityException {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end, from);
        if (from < 0 || to < 0) {
            throw new GeneralSecurityException(what + ": unterminated PEM block " + label);
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException(what + ": PEM block " + label + " is not valid base64");
        }
    }

    /** PKCS#8 PrivateKeyInfo {version 0, {rsaEncryption, NULL}, OCTET STRING {pkcs1}}. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.write(new byte[] {0x02, 0x01, 0x00}, 0, 3);
        inner.write(algorithm, 0, algorithm.length);
        der(inner, 0x04, pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        der(out, 0x30, inner.toByteArray());
        return out.toByteArray();
    }

    private static void der(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.write(content, 0, n);
    }
}
