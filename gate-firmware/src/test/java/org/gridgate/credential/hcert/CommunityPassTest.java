package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.DccType;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.Verification;
import org.gridgate.credential.Verification.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommunityPassTest {
    private static final KeyPair KEYS = TestCredentials.ecKeys();
    private static final byte[] KID = "gg-2026a".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-05-01T07:30:00Z");
    private static final CommunityPassIssuer ISSUER = new CommunityPassIssuer("GG1:", "Maple Court", KEYS.getPrivate(), KID);

    private static CommunityPass pass(Colour colour) {
        return new CommunityPass(colour, "p-7f3a91", PersonKind.RESIDENT, "3-1502", "pass-000123", NOW, NOW.plusSeconds(300));
    }

    private static HcertVerifier verifier(InMemoryTrustStore community, Revocations revocations) {
        return new HcertVerifier(new InMemoryTrustStore(), community, revocations, HcertVerifier.Options.defaults());
    }

    private static HcertVerifier verifier() {
        return verifier(new InMemoryTrustStore().add(KID, KEYS.getPublic()), Revocations.NONE);
    }

    private static void assertRejected(Failure failure, Verification v) {
        Verification.Rejected r = assertInstanceOf(Verification.Rejected.class, v, v.toString());
        assertEquals(failure, r.failure(), r.detail());
        assertFalse(r.detail().isBlank());
    }

    @ParameterizedTest
    @EnumSource(Colour.class)
    void issueThenVerify(Colour colour) {
        String text = ISSUER.issue(pass(colour));
        assertTrue(text.startsWith("GG1:"));
        Verification v = verifier().verify(text, NOW.plusSeconds(60));
        HealthCredential c = assertInstanceOf(Verification.Verified.class, v, v.toString()).credential();
        assertEquals(HealthCredential.Format.COMMUNITY_PASS, c.format());
        assertEquals(colour, c.colour());
        assertEquals("p-7f3a91", c.subject());
        assertEquals(PersonKind.RESIDENT, c.personKind());
        assertEquals("3-1502", c.unit());
        assertEquals("pass-000123", c.passId());
        assertEquals(HexFormat.of().formatHex(KID), c.issuerKid());
        assertEquals(NOW, c.issuedAt());
        assertEquals(NOW.plusSeconds(300), c.expiresAt());
        assertFalse(c.toString().contains("p-7f3a91"), "toString must not show the subject");
    }

    @Test
    void everyKindSurvivesTheRoundTrip() {
        for (PersonKind kind : PersonKind.values()) {
            String text = ISSUER.issue(new CommunityPass(Colour.GREEN, "s", kind, "", "id-" + kind, NOW, NOW.plusSeconds(60)));
            Verification v = verifier().verify(text, NOW);
            assertEquals(kind, assertInstanceOf(Verification.Verified.class, v, v.toString()).credential().personKind());
        }
    }

    @Test
    void keyNotInTheTrustStoreIsUntrusted() {
        KeyPair stranger = TestCredentials.ecKeys();
        String text = new CommunityPassIssuer("GG1:", "Elsewhere", stranger.getPrivate(), "other-01".getBytes(StandardCharsets.US_ASCII))
                .issue(pass(Colour.GREEN));
        assertRejected(Failure.UNTRUSTED_SIGNER, verifier().verify(text, NOW));
    }

    @Test
    void wrongKeyUnderOurKidIsABadSignature() {
        String forged = new CommunityPassIssuer("GG1:", "Maple Court", TestCredentials.ecKeys().getPrivate(), KID)
                .issue(pass(Colour.GREEN));
        assertRejected(Failure.BAD_SIGNATURE, verifier().verify(forged, NOW));
    }

    @Test
    void tamperedColourIsABadSignature() throws HcertException {
        String red = ISSUER.issue(pass(Colour.RED));
        CoseSign1 m = CoseSign1.decode(CoseSign1Helper.cose(red));
        String payload = HexFormat.of().formatHex(m.payload());
        String redHex = HexFormat.of().formatHex("red".getBytes(StandardCharsets.US_ASCII));
        assertTrue(payload.contains("63" + redHex));
        // "red" -> "tan": same length, so the CBOR stays well formed; only the signature can tell.
        byte[] tampered = HexFormat.of().parseHex(payload.replace("63" + redHex, "63" + HexFormat.of()
                .formatHex("tan".getBytes(StandardCharsets.US_ASCII))));
        CoseSign1 forged = new CoseSign1(m.protectedBytes(), m.protectedHeader(), m.unprotectedHeader(), tampered, m.signature());
        String text = CoseSign1Helper.withCose(red, forged.encode());
        assertNotEquals(red, text);
        assertRejected(Failure.BAD_SIGNATURE, verifier().verify(text, NOW));
    }

    @Test
    void shortExpiry() {
        String text = ISSUER.issue(pass(Colour.GREEN));
        Duration skew = HcertVerifier.Options.defaults().clockSkew();
        assertInstanceOf(Verification.Verified.class, verifier().verify(text, NOW.plusSeconds(300).plus(skew)));
        assertRejected(Failure.EXPIRED, verifier().verify(text, NOW.plusSeconds(301).plus(skew)));
        assertRejected(Failure.NOT_YET_VALID, verifier().verify(text, NOW.minus(skew).minusSeconds(1)));
    }

    @Test
    void longLivedPassesAreRefused() {
        String dayPass = ISSUER.issue(new CommunityPass(Colour.GREEN, "s", PersonKind.STAFF, "", "p", NOW, NOW.plus(Duration.ofDays(1))));
        assertRejected(Failure.MALFORMED, verifier().verify(dayPass, NOW));
    }

    @Test
    void revokedByPassIdOrSubject() {
        String text = ISSUER.issue(pass(Colour.GREEN));
        InMemoryTrustStore trust = new InMemoryTrustStore().add(KID, KEYS.getPublic());
        assertRejected(Failure.REVOKED, verifier(trust, new InMemoryRevocations().revoke("pass-000123")).verify(text, NOW));
        assertRejected(Failure.REVOKED, verifier(trust, new InMemoryRevocations().revoke("p-7f3a91")).verify(text, NOW));
        assertInstanceOf(Verification.Verified.class, verifier(trust, new InMemoryRevocations().revoke("pass-999")).verify(text, NOW));
    }

    @Test
    void configurablePrefix() {
        String text = new CommunityPassIssuer("MC9:", "Maple Court", KEYS.getPrivate(), KID).issue(pass(Colour.GREEN));
        HcertVerifier.Options options = new HcertVerifier.Options("MC9:", Duration.ZERO, EnumSet.allOf(DccType.class),
                Duration.ofMinutes(10), 65536);
        HcertVerifier v = new HcertVerifier(new InMemoryTrustStore(), new InMemoryTrustStore().add(KID, KEYS.getPublic()),
                Revocations.NONE, options);
        assertInstanceOf(Verification.Verified.class, v.verify(text, NOW));
        assertRejected(Failure.UNREADABLE, verifier().verify(text, NOW));
    }

    @Test
    void communityKeyCannotSignEuDcc() {
        String asDcc = "HC1:" + ISSUER.issue(pass(Colour.GREEN)).substring(4);
        assertRejected(Failure.UNTRUSTED_SIGNER, verifier().verify(asDcc, NOW));
    }

    /** The example of docs/health-pass.md, byte for byte: a server in another language is written against it. */
    @Test
    void claimsAreTheDocumentedFormat() throws HcertException {
        String documented = "a4016b4d61706c6520436f757274061a69f45678041a69f457a43a0001116f"
                + "a601010265677265656e0368702d37663361393104687265736964656e740566332d31353032066b706173732d303030313233";
        assertEquals(documented, HexFormat.of().formatHex(CborEncoder.encode(CommunityPassFormat.claims(pass(Colour.GREEN), "Maple Court"))));
        CwtClaims claims = CwtClaims.decode(HexFormat.of().parseHex(documented));
        assertEquals(pass(Colour.GREEN), CommunityPassFormat.pass(claims, Duration.ofMinutes(15)));
    }
}
