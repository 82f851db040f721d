package org.gridgate.credential.hcert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Objects;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.qr.QrCodes;

/**
 * Issues community health passes (docs/health-pass.md): what a community server does, here for the
 * simulator, rehearsals and tests. Signs with an EC P-256 key (ES256); an RSA key gives PS256.
 */
public final class CommunityPassIssuer {
    private final String prefix;
    private final String issuer;
    private final PrivateKey signingKey;
    private final byte[] kid;

    /**
     * @param prefix the community prefix the gates are configured with, e.g. "GG1:"
     * @param issuer the CWT issuer (claim 1), e.g. the community's name
     * @param kid the key id the gates' trust store files the matching public key under
     */
    public CommunityPassIssuer(String prefix, String issuer, PrivateKey signingKey, byte[] kid) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.kid = kid.clone();
        CoseSignatures.algorithmFor(signingKey);
    }

    /** The pass as scannable text, e.g. "GG1:6BFOXN...". */
    public String issue(CommunityPass pass) {
        try {
            return HcertEncoder.text(prefix, HcertEncoder.sign(CommunityPassFormat.claims(pass, issuer), signingKey, kid, true));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the configured key", e);
        }
    }

    /** The pass as a PNG QR code of {@code sizePx} square (quiet zone included). */
    public byte[] issuePng(CommunityPass pass, int sizePx) {
        return QrCodes.encodePng(issue(pass), sizePx);
    }
}
