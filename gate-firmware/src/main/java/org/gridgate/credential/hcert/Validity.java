package org.gridgate.credential.hcert;

import java.time.Duration;
import java.time.Instant;
import org.gridgate.credential.Verification.Failure;

/**
 * The validity period check: issued-at <= now <= expiry, to the second, each end widened by the
 * allowed clock skew. Expiry is inclusive as in the EU DCC conformance vectors (DK, IE: a clock equal
 * to exp must verify) and the EU reference verifiers; a code is expired only after its exp second.
 */
public final class Validity {
    private Validity() {}

    public static void check(CwtClaims claims, Instant now, Duration skew) throws HcertException {
        Instant iat = claims.issuedAt().orElseThrow(() -> HcertException.malformed("cwt: no issued-at (6)"));
        Instant exp = claims.expiresAt().orElseThrow(() -> HcertException.malformed("cwt: no expiry (4)"));
        if (now.plus(skew).isBefore(iat)) {
            throw new HcertException(Failure.NOT_YET_VALID, "issued at " + iat + ", after " + now);
        }
        if (now.minus(skew).isAfter(exp)) {
            throw new HcertException(Failure.EXPIRED, "expired at " + exp);
        }
    }
}
