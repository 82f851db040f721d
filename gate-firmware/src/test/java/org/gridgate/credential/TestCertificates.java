package org.gridgate.credential;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Self-signed X.509 certificates for tests, with a chosen extended key usage. The JDK has no public
 * certificate builder, so this writes the few DER structures a certificate needs.
 */
public final class TestCertificates {
    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String RSA_SHA256 = "1.2.840.113549.1.1.11";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private TestCertificates() {}

    /** A certificate for {@code keys}, signed by itself, carrying {@code ekuOids} (none: no EKU extension). */
    public static X509Certificate selfSigned(KeyPair keys, String commonName, List<String> ekuOids) {
        try {
            boolean ec = keys.getPrivate().getAlgorithm().equals("EC");
            byte[] sigAlg = ec ? seq(oid(ECDSA_SHA256)) : seq(oid(RSA_SHA256), new byte[] {0x05, 0x00});
            byte[] name = seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            Instant from = Instant.parse("2020-01-01T00:00:00Z");
            byte[] validity = seq(utcTime(from), utcTime(from.plusSeconds(20L * 365 * 86400)));
            ByteArrayOutputStream tbs = new ByteArrayOutputStream();
            tbs.writeBytes(tlv(0xa0, tlv(0x02, new byte[] {2})));
            tbs.writeBytes(tlv(0x02, BigInteger.valueOf(System.nanoTime() & 0xffffff).add(BigInteger.ONE).toByteArray()));
            tbs.writeBytes(sigAlg);
            tbs.writeBytes(name);
            tbs.writeBytes(validity);
            tbs.writeBytes(name);
            tbs.writeBytes(keys.getPublic().getEncoded());
            if (!ekuOids.isEmpty()) {
                ByteArrayOutputStream purposes = new ByteArrayOutputStream();
                ekuOids.forEach(o -> purposes.writeBytes(oid(o)));
                byte[] eku = seq(oid("2.5.29.37"), tlv(0x04, tlv(0x30, purposes.toByteArray())));
                tbs.writeBytes(tlv(0xa3, seq(eku)));
            }
            byte[] tbsBytes = tlv(0x30, tbs.toByteArray());
            byte[] signature = sign(keys.getPrivate(), ec ? "SHA256withECDSA" : "SHA256withRSA", tbsBytes);
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = seq(tbsBytes, sigAlg, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sign(PrivateKey key, String algorithm, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static byte[] utcTime(Instant t) {
        return tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while ((arc >>> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 128) {
            out.write(n);
        } else if (n < 256) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
