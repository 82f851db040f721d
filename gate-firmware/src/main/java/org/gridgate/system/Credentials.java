package org.gridgate.system;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.gridgate.config.CredentialConfig;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.hcert.HcertVerifier;

/** Builds the health-code verifier from the provisioned trust anchors. */
final class Credentials {
    private Credentials() {}

    static CredentialVerifier verifier(CredentialConfig c) throws StartupException {
        return new HcertVerifier(new InMemoryTrustStore(), anchors(c), new InMemoryRevocations(), options(c));
    }

    /** The verifier on the live lists from the server; the provisioned anchors stay trusted. */
    static CredentialVerifier verifier(CredentialConfig c, org.gridgate.credential.trust.TrustLists lists)
            throws StartupException {
        return new HcertVerifier(lists.dcc(), lists.community(anchors(c)), lists.revocations(), options(c));
    }

    private static InMemoryTrustStore anchors(CredentialConfig c) throws StartupException {
        InMemoryTrustStore community = new InMemoryTrustStore();
        for (CredentialConfig.TrustAnchor a : c.trustAnchors()) {
            community.add(decode(a.kid(), "kid"), publicKey(a));
        }
        return community;
    }

    private static HcertVerifier.Options options(CredentialConfig c) {
        HcertVerifier.Options defaults = HcertVerifier.Options.defaults();
        return new HcertVerifier.Options(c.communityPrefix(), c.clockSkew(),
                defaults.greenDccTypes(), defaults.communityMaxLifetime(), defaults.maxInflatedBytes());
    }

    private static PublicKey publicKey(CredentialConfig.TrustAnchor a) throws StartupException {
        byte[] der = decode(a.publicKey(), "publicKey");
        for (String alg : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new StartupException(ExitCodes.CONFIG, "credentials.trustAnchors: key " + a.kid()
                + " is not an EC or RSA public key (base64 of SubjectPublicKeyInfo DER)", null);
    }

    private static byte[] decode(String b64, String field) throws StartupException {
        try {
            return Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw new StartupException(ExitCodes.CONFIG, "credentials.trustAnchors." + field + ": not base64", e);
        }
    }
}
