package org.gridgate.credential;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A signer's public key, with its certificate when the trust list carries one (the EU DCC key-usage
 * check reads the certificate's extended key usage; a bare key allows every DCC type).
 */
public record TrustedKey(PublicKey publicKey, Optional<X509Certificate> certificate) {
    public TrustedKey {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    public static TrustedKey of(PublicKey key) {
        return new TrustedKey(key, Optional.empty());
    }

    public static TrustedKey of(X509Certificate certificate) {
        return new TrustedKey(certificate.getPublicKey(), Optional.of(certificate));
    }
}
