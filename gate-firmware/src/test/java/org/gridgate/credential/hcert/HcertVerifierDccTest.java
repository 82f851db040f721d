package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.gridgate.credential.DccType;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TestCertificates;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.Verification;
import org.gridgate.credential.Verification.Failure;
import org.junit.jupiter.api.Test;

class HcertVerifierDccTest {
    private static final KeyPair EC = TestCredentials.ecKeys();
    private static final KeyPair RSA = TestCredentials.rsaKeys();
    private static final byte[] KID = HexFormat.of().parseHex("0102030405060708");
    private static final Instant IAT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant EXP = Instant.parse("2026-09-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final HcertVerifier.Options OPTIONS = HcertVerifier.Options.defaults();

    private static HcertVerifier verifier(InMemoryTrustStore dcc) {
        return new HcertVerifier(dcc, new InMemoryTrustStore(), Revocations.NONE, OPTIONS);
    }

    private static String code(DccType type, KeyPair keys, boolean kidProtected) {
        return TestCredentials.dccText(TestCredentials.dccClaims(type, IAT, EXP, "URN:UVCI:01:XX:TEST#1"),
                keys.getPrivate(), KID, kidProtected);
    }

    private static HealthCredential verified(Verification v) {
        return assertInstanceOf(Verification.Verified.class, v, v.toString()).credential();
    }

    private static void assertRejected(Failure failure, Verification v) {
        Verification.Rejected r = assertInstanceOf(Verification.Rejected.class, v, v.toString());
        assertEquals(failure, r.failure(), r.detail());
        assertFalse(r.detail().isBlank());
    }

    @Test
    void es256RoundTrip() {
        HealthCredential c = verified(verifier(new InMemoryTrustStore().add(KID, EC.getPublic()))
                .verify(code(DccType.VACCINATION, EC, true), NOW));
        assertEquals(HealthCredential.Format.EU_DCC, c.format());
        assertEquals(HealthCredential.Colour.GREEN, c.colour());
        assertEquals(HealthCredential.PersonKind.VISITOR, c.personKind());
        assertEquals("0102030405060708", c.issuerKid());
        assertEquals(IAT, c.issuedAt());
        assertEquals(EXP, c.expiresAt());
        assertTrue(c.subject().startsWith("dcc:") && !c.subject().contains("TESTER"), "a pseudonym, not the name");
    }

    @Test
    void ps256RoundTrip() {
        String code = code(DccType.TEST, RSA, true);
        assertEquals(-37, CoseSign1Helper.alg(code));
        verified(verifier(new InMemoryTrustStore().add(KID, RSA.getPublic())).verify(code, NOW));
        assertRejected(Failure.BAD_SIGNATURE,
                verifier(new InMemoryTrustStore().add(KID, EC.getPublic())).verify(code, NOW));
    }

    @Test
    void kidInTheUnprotectedHeader() {
        verified(verifier(new InMemoryTrustStore().add(KID, EC.getPublic())).verify(code(DccType.RECOVERY, EC, false), NOW));
    }

    @Test
    void everyKeyWithTheKidIsTried() {
        KeyPair other = TestCredentials.ecKeys();
        InMemoryTrustStore store = new InMemoryTrustStore().add(KID, other.getPublic()).add(KID, RSA.getPublic())
                .add(KID, EC.getPublic());
        verified(verifier(store).verify(code(DccType.VACCINATION, EC, true), NOW));
        InMemoryTrustStore wrongOnly = new InMemoryTrustStore().add(KID, other.getPublic()).add(KID, RSA.getPublic());
        assertRejected(Failure.BAD_SIGNATURE, verifier(wrongOnly).verify(code(DccType.VACCINATION, EC, true), NOW));
    }

    @Test
    void unknownKidIsAnUntrustedSigner() {
        InMemoryTrustStore store = new InMemoryTrustStore().add(new byte[] {9, 9, 9, 9, 9, 9, 9, 9}, EC.getPublic());
        assertRejected(Failure.UNTRUSTED_SIGNER, verifier(store).verify(code(DccType.VACCINATION, EC, true), NOW));
    }

    @Test
    void validityWithAFixedClockAndSkew() {
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, EC.getPublic()));
        String code = code(DccType.VACCINATION, EC, true);
        Duration skew = OPTIONS.clockSkew();
        verified(v.verify(code, IAT));
        verified(v.verify(code, IAT.minus(skew)));
        assertRejected(Failure.NOT_YET_VALID, v.verify(code, IAT.minus(skew).minusSeconds(1)));
        verified(v.verify(code, EXP));
        verified(v.verify(code, EXP.plus(skew)));
        assertRejected(Failure.EXPIRED, v.verify(code, EXP.plus(skew).plusSeconds(1)));
    }

    @Test
    void greenPolicyDecidesTheColour() {
        InMemoryTrustStore store = new InMemoryTrustStore().add(KID, EC.getPublic());
        HcertVerifier.Options vaccinatedOnly = new HcertVerifier.Options("GG1:", Duration.ZERO,
                Set.of(DccType.VACCINATION), Duration.ofMinutes(15), 65536);
        HcertVerifier v = new HcertVerifier(store, new InMemoryTrustStore(), Revocations.NONE, vaccinatedOnly);
        assertEquals(HealthCredential.Colour.GREEN, verified(v.verify(code(DccType.VACCINATION, EC, true), NOW)).colour());
        assertEquals(HealthCredential.Colour.YELLOW, verified(v.verify(code(DccType.TEST, EC, true), NOW)).colour());
        assertEquals(HealthCredential.Colour.YELLOW, verified(v.verify(code(DccType.RECOVERY, EC, true), NOW)).colour());
    }

    @Test
    void detectedTestIsRedAndIncompleteSeriesYellow() {
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, EC.getPublic()));
        String positive = TestCredentials.dccText(TestCredentials.dccClaims(DccType.TEST, IAT, EXP, "u",
                java.util.Map.of(Cbor.of("tr"), Cbor.of("260373001"))), EC.getPrivate(), KID, true);
        assertEquals(HealthCredential.Colour.RED, verified(v.verify(positive, NOW)).colour());
        String noResult = TestCredentials.dccText(TestCredentials.dccClaims(DccType.TEST, IAT, EXP, "u",
                java.util.Map.of()), EC.getPrivate(), KID, true);
        assertEquals(HealthCredential.Colour.YELLOW, verified(v.verify(noResult, NOW)).colour());
        String firstDose = TestCredentials.dccText(TestCredentials.dccClaims(DccType.VACCINATION, IAT, EXP, "u",
                java.util.Map.of(Cbor.of("dn"), Cbor.of(1), Cbor.of("sd"), Cbor.of(2))), EC.getPrivate(), KID, true);
        assertEquals(HealthCredential.Colour.YELLOW, verified(v.verify(firstDose, NOW)).colour());
        String booster = TestCredentials.dccText(TestCredentials.dccClaims(DccType.VACCINATION, IAT, EXP, "u",
                java.util.Map.of(Cbor.of("dn"), Cbor.of(3), Cbor.of("sd"), Cbor.of(2))), EC.getPrivate(), KID, true);
        assertEquals(HealthCredential.Colour.GREEN, verified(v.verify(booster, NOW)).colour());
        assertEquals(HealthCredential.Colour.GREEN, verified(v.verify(code(DccType.TEST, EC, true), NOW)).colour());
    }

    @Test
    void keyUsageOfTheSignerCertificate() {
        X509Certificate vaccinationOnly = TestCertificates.selfSigned(EC, "DSC vaccination",
                List.of("1.3.6.1.4.1.1847.2021.1.2"));
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, vaccinationOnly));
        verified(v.verify(code(DccType.VACCINATION, EC, true), NOW));
        assertRejected(Failure.KEY_USAGE, v.verify(code(DccType.TEST, EC, true), NOW));
        assertRejected(Failure.KEY_USAGE, v.verify(code(DccType.RECOVERY, EC, true), NOW));

        X509Certificate alternateArc = TestCertificates.selfSigned(EC, "DSC test", List.of("1.3.6.1.4.1.0.1847.2021.1.1"));
        HcertVerifier alt = verifier(new InMemoryTrustStore().add(KID, alternateArc));
        verified(alt.verify(code(DccType.TEST, EC, true), NOW));
        assertRejected(Failure.KEY_USAGE, alt.verify(code(DccType.VACCINATION, EC, true), NOW));

    }

    @Test
    void aCertificateWhoseKeyUsageNamesOnlyOtherPurposesSignsNoDccType() {
        X509Certificate tlsOnly = TestCertificates.selfSigned(EC, "DSC tls", List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"));
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, tlsOnly));
        for (DccType type : DccType.values()) {
            assertRejected(Failure.KEY_USAGE, v.verify(code(type, EC, true), NOW));
        }
        X509Certificate noUsage = TestCertificates.selfSigned(EC, "DSC unrestricted", List.of());
        X509Certificate anyUsage = TestCertificates.selfSigned(EC, "DSC any", List.of("2.5.29.37.0"));
        X509Certificate mixed = TestCertificates.selfSigned(EC, "DSC tls and test",
                List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.4.1.1847.2021.1.1"));
        for (DccType type : DccType.values()) {
            verified(verifier(new InMemoryTrustStore().add(KID, noUsage)).verify(code(type, EC, true), NOW));
            verified(verifier(new InMemoryTrustStore().add(KID, anyUsage)).verify(code(type, EC, true), NOW));
        }
        verified(verifier(new InMemoryTrustStore().add(KID, mixed)).verify(code(DccType.TEST, EC, true), NOW));
        assertRejected(Failure.KEY_USAGE, verifier(new InMemoryTrustStore().add(KID, mixed))
                .verify(code(DccType.RECOVERY, EC, true), NOW));
    }

    @Test
    void es256OnALargerCurveHasTheCurvesRawSignatureSize() {
        for (var curve : List.of(new Object[] {"secp384r1", 96}, new Object[] {"secp521r1", 132})) {
            KeyPair keys = TestCredentials.ecKeys((String) curve[0]);
            X509Certificate cert = TestCertificates.selfSigned(keys, "DSC " + curve[0], List.of());
            String code = code(DccType.VACCINATION, keys, true);
            assertEquals(CoseSignatures.ES256, CoseSign1Helper.alg(code), "alg -7 names SHA-256, not P-256");
            byte[] signature = CoseSign1Helper.signature(code);
            assertEquals(curve[1], signature.length);
            assertTrue(independentlyVerifies(keys, code), "the JDK's own P1363 verifier accepts it");
            verified(verifier(new InMemoryTrustStore().add(KID, cert)).verify(code, NOW));
            // A P-256-sized signature is not one of this curve's: the key does not verify it.
            String truncated = CoseSign1Helper.withSignature(code, java.util.Arrays.copyOf(signature, 64));
            assertRejected(Failure.BAD_SIGNATURE, verifier(new InMemoryTrustStore().add(KID, cert)).verify(truncated, NOW));
        }
    }

    private static boolean independentlyVerifies(KeyPair keys, String code) {
        try {
            CoseSign1 message = CoseSign1.decode(CoseSign1Helper.cose(code));
            java.security.Signature s = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(keys.getPublic());
            s.update(message.toBeSigned());
            return s.verify(message.signature());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dccKidOfACertificateIsItsHashPrefix() {
        X509Certificate cert = TestCertificates.selfSigned(EC, "DSC", List.of());
        byte[] kid = InMemoryTrustStore.dccKid(cert);
        assertEquals(8, kid.length);
        String code = TestCredentials.dccText(TestCredentials.dccClaims(DccType.TEST, IAT, EXP, "u"), EC.getPrivate(), kid, true);
        verified(verifier(new InMemoryTrustStore().addCertificate(cert)).verify(code, NOW));
    }

    @Test
    void revokedCertificate() {
        InMemoryTrustStore store = new InMemoryTrustStore().add(KID, EC.getPublic());
        String code = code(DccType.VACCINATION, EC, true);
        String passId = verified(verifier(store).verify(code, NOW)).passId();
        HcertVerifier v = new HcertVerifier(store, new InMemoryTrustStore(), new InMemoryRevocations().revoke(passId), OPTIONS);
        assertRejected(Failure.REVOKED, v.verify(code, NOW));
    }

    @Test
    void aDccKeyCannotSignCommunityPasses() {
        InMemoryTrustStore dcc = new InMemoryTrustStore().add(KID, EC.getPublic());
        String community = "GG1:" + code(DccType.VACCINATION, EC, true).substring(4);
        assertRejected(Failure.UNTRUSTED_SIGNER, verifier(dcc).verify(community, NOW));
    }

    @Test
    void twoStatementsAreMalformed() {
        var claims = TestCredentials.dccClaims(DccType.VACCINATION, IAT, EXP, "u");
        var dcc = new java.util.LinkedHashMap<>(((Cbor.CborMap) ((Cbor.CborMap) claims.get(-260).orElseThrow())
                .get(1).orElseThrow()).entries());
        dcc.put(Cbor.of("t"), dcc.get(Cbor.of("v")));
        var all = new java.util.LinkedHashMap<>(claims.entries());
        all.put(Cbor.of(-260), new Cbor.CborMap(java.util.Map.of(Cbor.of(1), new Cbor.CborMap(dcc))));
        String code = TestCredentials.dccText(new Cbor.CborMap(all), EC.getPrivate(), KID, true);
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, EC.getPublic()));
        assertRejected(Failure.MALFORMED, v.verify(code, NOW));
    }

    @Test
    void eachStepHasItsOwnFailure() {
        HcertVerifier v = verifier(new InMemoryTrustStore().add(KID, EC.getPublic()));
        String code = code(DccType.VACCINATION, EC, true);
        verified(v.verify(code + "\r\n", NOW));
        assertRejected(Failure.UNREADABLE, v.verify(null, NOW));
        assertRejected(Failure.UNREADABLE, v.verify("", NOW));
        assertRejected(Failure.UNREADABLE, v.verify("https://example.org/menu", NOW));
        assertRejected(Failure.UNREADABLE, v.verify("HC2:" + code.substring(4), NOW));
        assertRejected(Failure.UNREADABLE, v.verify("HC1:" + "A".repeat(10_000), NOW));
        assertRejected(Failure.MALFORMED, v.verify("HC1:abc", NOW));
        assertRejected(Failure.MALFORMED, v.verify("HC1:" + Base45.encode(new byte[] {1, 2, 3}), NOW));
        byte[] cose = CoseSign1Helper.cose(code);
        assertRejected(Failure.MALFORMED, v.verify("HC1:" + Base45.encode(cose), NOW)); // not compressed
        assertRejected(Failure.MALFORMED, v.verify("HC1:" + Base45.encode(Zlib.deflate(new byte[] {(byte) 0x80})), NOW));
        assertRejected(Failure.MALFORMED, v.verify(code, null));
        assertEquals(EnumSet.allOf(DccType.class), OPTIONS.greenDccTypes());
    }
}
