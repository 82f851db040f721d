package org.gridgate.config;

import java.time.Duration;
import java.util.List;

/**
 * How health codes are verified and whose signature the gate accepts on what the server sends.
 *
 * @param communityPrefix the text prefix of the community's own health passes
 * @param trustAnchors files or inline PEM/base64 keys of issuers trusted from provisioning
 * @param clockSkew tolerance when judging issued-at and expiry
 * @param rootKeys the community root keys that sign rosters, trust lists, revocations and commands
 */
public record CredentialConfig(String communityPrefix, List<TrustAnchor> trustAnchors, Duration clockSkew,
        List<RootKey> rootKeys) {
    public CredentialConfig {
        trustAnchors = List.copyOf(trustAnchors);
        rootKeys = List.copyOf(rootKeys);
    }

    public CredentialConfig(String communityPrefix, List<TrustAnchor> trustAnchors, Duration clockSkew) {
        this(communityPrefix, trustAnchors, clockSkew, List.of());
    }

    /** A trusted issuer key: key id (base64) and the X.509 SubjectPublicKeyInfo (base64 DER). */
    public record TrustAnchor(String kid, String publicKey) {}

    /** A community root key: key id (base64) and the SubjectPublicKeyInfo (base64 DER, EC P-256 or RSA). */
    public record RootKey(String kid, String publicKey) {}
}
