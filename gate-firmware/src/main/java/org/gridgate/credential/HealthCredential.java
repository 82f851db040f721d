package org.gridgate.credential;

import java.time.Instant;

/**
 * A health code whose signature, issuer and validity period have been verified.
 *
 * @param subject the community's pseudonym for the person (never a national identity number)
 * @param passId the credential's own id, the unit of revocation
 */
public record HealthCredential(
        Format format,
        Colour colour,
        String subject,
        PersonKind personKind,
        String unit,
        String passId,
        String issuerKid,
        Instant issuedAt,
        Instant expiresAt) {

    public enum Format { COMMUNITY_PASS, EU_DCC }

    public enum Colour { GREEN, YELLOW, RED }

    public enum PersonKind { RESIDENT, VISITOR, STAFF }

    @Override
    public String toString() {
        return "HealthCredential[" + format + ", " + colour + ", kid " + issuerKid + "]";
    }
}
