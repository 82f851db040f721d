package org.gridgate.credential;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A trust store held in memory; safe to read from the verifier while another thread adds keys. */
public final class InMemoryTrustStore implements TrustStore {
    private final Map<String, List<TrustedKey>> byKid = new ConcurrentHashMap<>();

    public InMemoryTrustStore add(byte[] kid, PublicKey key) {
        return add(kid, TrustedKey.of(key));
    }

    public InMemoryTrustStore add(byte[] kid, X509Certificate certificate) {
        return add(kid, TrustedKey.of(certificate));
    }

    public InMemoryTrustStore add(byte[] kid, TrustedKey key) {
        byKid.computeIfAbsent(HexFormat.of().formatHex(kid), k -> new CopyOnWriteArrayList<>()).add(key);
        return this;
    }

    /** Adds a certificate under the EU DCC key id: the first 8 bytes of the SHA-256 of its DER encoding. */
    public InMemoryTrustStore addCertificate(X509Certificate certificate) {
        return add(dccKid(certificate), certificate);
    }

    @Override
    public List<TrustedKey> keys(byte[] kid) {
        List<TrustedKey> keys = byKid.get(HexFormat.of().formatHex(kid));
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /** The EU DCC key id of a signer certificate: SHA-256 of the DER encoding, first 8 bytes. */
    public static byte[] dccKid(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Arrays.copyOf(digest, 8);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot compute the key id of this certificate", e);
        }
    }
}
