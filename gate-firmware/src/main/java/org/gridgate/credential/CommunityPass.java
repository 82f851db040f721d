package org.gridgate.credential;

import java.time.Instant;
import java.util.Objects;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;

/**
 * What a community server states in a health pass, before signing (see docs/health-pass.md).
 *
 * @param subject the community's pseudonym for the person, never a name or national id
 * @param passId this pass's own id, the unit of revocation
 */
public record CommunityPass(
        Colour colour,
        String subject,
        PersonKind kind,
        String unit,
        String passId,
        Instant issuedAt,
        Instant expiresAt) {

    public CommunityPass {
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(passId, "passId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a pass must expire after it is issued");
        }
    }

    @Override
    public String toString() {
        return "CommunityPass[" + colour + ", " + kind + ", " + issuedAt + " to " + expiresAt + "]";
    }
}
