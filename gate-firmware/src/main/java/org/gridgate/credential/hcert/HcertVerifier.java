package org.gridgate.credential.hcert;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.CredentialVerifier;
import org.gridgate.credential.DccType;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.HealthCredential.Format;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TrustStore;
import org.gridgate.credential.TrustedKey;
import org.gridgate.credential.Verification;
import org.gridgate.credential.Verification.Failure;
import org.gridgate.credential.qr.QrCodes;

/**
 * Verifies EU DCC ("HC1:") and community passes (own prefix) with one decoder: prefix, Base45, zlib,
 * COSE_Sign1, signature, CWT claims, format payload, validity period, revocation. Each format has
 * its own trust store, so an EU signer cannot issue community passes nor the reverse. Never throws.
 */
public final class HcertVerifier implements CredentialVerifier {

    /**
     * @param communityPrefix the community pass prefix, e.g. "GG1:" (must not be "HC1:")
     * @param clockSkew how far the gate's clock may be off; widens both ends of the validity period
     * @param greenDccTypes the DCC statement types that can count as a green code (see {@link EuDcc#colour})
     * @param communityMaxLifetime the longest validity a community pass may claim (short, against screenshots)
     * @param maxInflatedBytes the zlib output cap
     */
    public record Options(String communityPrefix, Duration clockSkew, Set<DccType> greenDccTypes,
            Duration communityMaxLifetime, int maxInflatedBytes) {
        public Options {
            Objects.requireNonNull(communityPrefix, "communityPrefix");
            if (communityPrefix.isEmpty() || HcertChain.EU_DCC_PREFIX.startsWith(communityPrefix)
                    || communityPrefix.startsWith(HcertChain.EU_DCC_PREFIX)) {
                throw new IllegalArgumentException("community prefix must be non-empty and differ from HC1:");
            }
            if (clockSkew.isNegative() || communityMaxLifetime.isNegative() || maxInflatedBytes <= 0) {
                throw new IllegalArgumentException("negative skew, lifetime or cap");
            }
            greenDccTypes = greenDccTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(greenDccTypes));
        }

        /** Prefix GG1:, 2 min skew, every DCC type green, passes valid at most 15 min, 64 KiB cap. */
        public static Options defaults() {
            return new Options("GG1:", Duration.ofMinutes(2), EnumSet.allOf(DccType.class), Duration.ofMinutes(15),
                    HcertChain.DEFAULT_MAX_INFLATED);
        }
    }

    private final TrustStore dccTrust;
    private final TrustStore communityTrust;
    private final Revocations revocations;
    private final Options options;

    public HcertVerifier(TrustStore dccTrust, TrustStore communityTrust, Revocations revocations, Options options) {
        this.dccTrust = Objects.requireNonNull(dccTrust, "dccTrust");
        this.communityTrust = Objects.requireNonNull(communityTrust, "communityTrust");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public Verification verify(String text, Instant now) {
        try {
            return new Verification.Verified(check(text, now));
        } catch (HcertException e) {
            return new Verification.Rejected(e.failure(), e.detail());
        } catch (RuntimeException e) {
            // A bug in a step must not open or jam the gate: the code is refused, the cause named.
            return new Verification.Rejected(Failure.MALFORMED, "code could not be processed ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Verifies the QR code in a picture (PNG, or any format ImageIO reads); no code found is UNREADABLE. Never throws. */
    public Verification verifyPng(byte[] picture, Instant now) {
        Optional<String> text = picture == null ? Optional.empty() : QrCodes.decodePng(picture);
        return text.map(t -> verify(t, now))
                .orElseGet(() -> new Verification.Rejected(Failure.UNREADABLE, "no QR code found in the picture"));
    }

    private HealthCredential check(String text, Instant now) throws HcertException {
        if (now == null) {
            throw HcertException.malformed("no verification time given");
        }
        String code = withoutLineEnd(text == null ? "" : text);
        if (code.isEmpty()) {
            throw new HcertException(Failure.UNREADABLE, "empty code");
        }
        if (code.length() > HcertChain.MAX_TEXT_LENGTH + 16) {
            throw new HcertException(Failure.UNREADABLE, "longer than any QR code holds");
        }
        boolean dcc = code.startsWith(HcertChain.EU_DCC_PREFIX);
        if (!dcc && !code.startsWith(options.communityPrefix())) {
            throw new HcertException(Failure.UNREADABLE, "not a health code (unknown prefix)");
        }
        String body = HcertChain.unprefix(code, dcc ? HcertChain.EU_DCC_PREFIX : options.communityPrefix());
        CoseSign1 message = HcertChain.cose(body, options.maxInflatedBytes());
        TrustedKey signer = CoseSignatures.verify(message, dcc ? dccTrust : communityTrust);
        String kid = HexFormat.of().formatHex(message.kid().orElseThrow());
        CwtClaims claims = CwtClaims.decode(message.payload());
        HealthCredential credential = dcc ? euDcc(claims, signer, kid) : community(claims, kid);
        Validity.check(claims, now, options.clockSkew());
        if (revocations.isRevoked(credential.passId()) || revocations.isRevoked(credential.subject())) {
            throw new HcertException(Failure.REVOKED, "revoked (" + (dcc ? "certificate" : "pass") + ")");
        }
        return credential;
    }

    /** Scanners end a code with CR or LF; spaces are Base45 digits and stay. */
    private static String withoutLineEnd(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(0, end);
    }

    private HealthCredential euDcc(CwtClaims claims, TrustedKey signer, String kid) throws HcertException {
        Cbor.CborMap dcc = EuDcc.payload(claims);
        EuDcc.checkKeyUsage(EuDcc.types(dcc), signer);
        DccType type = EuDcc.singleType(dcc);
        Instant iat = claims.issuedAt().orElseThrow(() -> HcertException.malformed("cwt: no issued-at (6)"));
        Instant exp = claims.expiresAt().orElseThrow(() -> HcertException.malformed("cwt: no expiry (4)"));
        return new HealthCredential(Format.EU_DCC, EuDcc.colour(dcc, type, options.greenDccTypes()), EuDcc.pseudonym(dcc), PersonKind.VISITOR, "",
                EuDcc.statementId(dcc, type), kid, iat, exp);
    }

    private HealthCredential community(CwtClaims claims, String kid) throws HcertException {
        CommunityPass pass = CommunityPassFormat.pass(claims, options.communityMaxLifetime());
        return new HealthCredential(Format.COMMUNITY_PASS, pass.colour(), pass.subject(), pass.kind(), pass.unit(),
                pass.passId(), kid, pass.issuedAt(), pass.expiresAt());
    }
}
