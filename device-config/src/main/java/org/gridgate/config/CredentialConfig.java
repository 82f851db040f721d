package org.gridgate.config;

import java.time.Duration;
import java.util.List;

/**
 * How health codes are verified.
 *
 * @param communityPrefix the text prefix of the community's own health passes
 * @param trustAnchors files or inline PEM/base64 keys of issuers trusted from provisioning
 * @param clockSkew tolerance when judging issued-at and expiry
 */
public record CredentialConfig(String communityPrefix, List<TrustAnchor> trustAnchors, Duration clockSkew) {
    public CredentialConfig {
        trustAnchors = List.copyOf(trustAnchors);
    }

    /** A trusted issuer key: key id (base64) and the X.509 SubjectPublicKeyInfo (base64 DER). */
    public record TrustAnchor(String kid, String publicKey) {}
}
