package io.rapidbyte.postgres.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 material made at test time (no certificate is checked into the repository): a CA, server
 * certificates with subjectAltNames, client certificates, as PEM text the way connectors take
 * them. EC P-256 keys signed with SHA256withECDSA unless RSA is asked for. Thread-safe.
 */
public final class TestCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A new self-signed CA named {@code CN=<name>}. */
    public static Authority authority(String name) {
        KeyPair keys = keyPair("EC");
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = builder(subject, subject, keys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Authority(new Issued(sign(b, keys.getPrivate()), keys.getPrivate()));
    }

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public String certPem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The key as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** An RSA key as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), the form OpenSSL 1.x writes. */
        public String rsaKeyPemPkcs1() {
            try {
                byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive()
                        .getEncoded();
                return pem("RSA PRIVATE KEY", pkcs1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A CA that issues certificates. */
    public static final class Authority {
        private final Issued self;

        private Authority(Issued self) {
            this.self = self;
        }

        public X509Certificate certificate() {
            return self.certificate();
        }

        public String certPem() {
            return self.certPem();
        }

        /**
         * A server certificate for {@code CN=<commonName>} naming {@code names} in its
         * subjectAltName: IP literals as iPAddress entries, anything else as dNSName.
         */
        public Issued server(String commonName, String... names) {
            return issue(commonName, "EC", KeyPurposeId.id_kp_serverAuth, names);
        }

        /** A client certificate for {@code CN=<user>} (Postgres' {@code cert} method maps CN to the role). */
        public Issued client(String user) {
            return issue(user, "EC", KeyPurposeId.id_kp_clientAuth);
        }

        /** As {@link #client}, with an RSA key (for the PKCS#1 key form). */
        public Issued rsaClient(String user) {
            return issue(user, "RSA", KeyPurposeId.id_kp_clientAuth);
        }

        private Issued issue(String commonName, String algorithm, KeyPurposeId purpose, String... names) {
            KeyPair keys = keyPair(algorithm);
            X500Name issuer = new X500Name(self.certificate().getSubjectX500Principal().getName());
            X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + commonName), keys);
            try {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                        | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (names.length > 0) {
                    List<GeneralName> alt = new ArrayList<>();
                    for (String n : names) {
                        boolean ip = n.matches("[0-9.]+") || n.contains(":");
                        alt.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
                    }
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(alt.toArray(new GeneralName[0])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Issued(sign(b, self.key()), keys.getPrivate());
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        String algorithm = signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("signing a test certificate failed", e);
        }
    }

    private static KeyPair keyPair(String algorithm) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(algorithm.equals("RSA") ? 2048 : 256, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }
}
