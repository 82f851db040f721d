package org.gridgate.credential.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.Verification;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] KID = {4, 4, 4, 4, 4, 4, 4, 4};

    @TempDir
    Path dir;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T08:00:00Z"));
    final KeyPair issuer = TestCredentials.ecKeys();
    TrustDb db;
    TrustLists lists;

    @BeforeEach
    void open() throws Exception {
        db = TrustDb.open(dir.resolve("trust.db"));
        lists = TrustLists.open(db, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    byte[] trustList(long version, Instant issued, KeyPair... community) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("type", "trust");
        m.put("version", version);
        m.put("issuedAt", issued.toString());
        m.put("keys", java.util.Arrays.stream(community).map(k -> Map.of("store", "community",
                "kid", Base64.getEncoder().encodeToString(KID),
                "publicKey", Base64.getEncoder().encodeToString(k.getPublic().getEncoded()))).toList());
        return JSON.writeValueAsBytes(m);
    }

    byte[] revocations(long version, Map<String, Object> rest) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("v", 1, "type", "revocations", "version", version,
                "issuedAt", clock.instant().toString()));
        m.putAll(rest);
        return JSON.writeValueAsBytes(m);
    }

    String pass(String passId) {
        return new CommunityPassIssuer("GG1:", "sunflower-court", issuer.getPrivate(), KID).issue(new CommunityPass(
                Colour.GREEN, "subj-1", PersonKind.RESIDENT, "", passId, clock.instant().minusSeconds(10),
                clock.instant().plus(Duration.ofMinutes(10))));
    }

    HcertVerifier verifier() {
        HcertVerifier.Options d = HcertVerifier.Options.defaults();
        return new HcertVerifier(lists.dcc(), lists.community(new InMemoryTrustStore()), lists.revocations(),
                new HcertVerifier.Options("GG1:", Duration.ofMinutes(2), d.greenDccTypes(), d.communityMaxLifetime(),
                        d.maxInflatedBytes()));
    }

    @Test
    void theVerifierSeesANewTrustListAndRevocationsAtOnceAndAfterARestart() throws Exception {
        HcertVerifier v = verifier();
        assertEquals(Verification.Failure.UNTRUSTED_SIGNER,
                assertInstanceOf(Verification.Rejected.class, v.verify(pass("p1"), clock.instant())).failure());
        lists.applyTrust(trustList(1, clock.instant(), issuer));
        assertInstanceOf(Verification.Verified.class, v.verify(pass("p1"), clock.instant()));
        lists.applyRevocations(revocations(1, Map.of("full", true, "ids", List.of("p1"))));
        assertEquals(Verification.Failure.REVOKED,
                assertInstanceOf(Verification.Rejected.class, v.verify(pass("p1"), clock.instant())).failure());

        db.close();
        db = TrustDb.open(dir.resolve("trust.db"));
        lists = TrustLists.open(db, clock);
        HcertVerifier after = verifier();
        assertEquals(Verification.Failure.REVOKED,
                assertInstanceOf(Verification.Rejected.class, after.verify(pass("p1"), clock.instant())).failure());
        assertInstanceOf(Verification.Verified.class, after.verify(pass("p2"), clock.instant()));
        assertEquals(1, lists.trustVersion());
    }

    @Test
    void deltasApplyOnlyOnTheirBaseAndOldVersionsAreKept() throws Exception {
        lists.applyRevocations(revocations(3, Map.of("full", true, "ids", List.of("a", "b"))));
        lists.applyRevocations(revocations(4, Map.of("full", false, "base", 3, "add", List.of("c"),
                "remove", List.of("a"))));
        assertFalse(lists.revocations().isRevoked("a"));
        assertTrue(lists.revocations().isRevoked("b") && lists.revocations().isRevoked("c"));
        InvalidDocument gap = assertThrows(InvalidDocument.class, () -> lists.applyRevocations(
                revocations(6, Map.of("full", false, "base", 5, "add", List.of("d"), "remove", List.of()))));
        assertTrue(gap.getMessage().contains("waiting for a full list"), gap.getMessage());
        assertTrue(lists.applyRevocations(revocations(2, Map.of("full", true, "ids", List.of()))).contains("kept"));
        assertTrue(lists.revocations().isRevoked("c"));
        assertEquals(4, lists.revocationVersion());
    }

    /**
     * Issue 20, finding 3 asked the roster's question of trust and revocation lists too: a captured older
     * list replayed (retained) must not undo a revocation or bring back a removed key, across a restart, and
     * a list without a version is refused rather than read as 0. These already held; this keeps them.
     */
    @Test
    void replayedOrUnversionedListsAreRefusedAcrossARestart() throws Exception {
        KeyPair other = TestCredentials.ecKeys();
        byte[] oldTrust = trustList(1, clock.instant(), issuer);
        byte[] oldRevocations = revocations(1, Map.of("full", true, "ids", List.of()));
        lists.applyTrust(oldTrust);
        lists.applyRevocations(oldRevocations);
        lists.applyTrust(trustList(2, clock.instant(), other)); // the issuer's key removed
        lists.applyRevocations(revocations(2, Map.of("full", true, "ids", List.of("p1"))));
        db.close();
        db = TrustDb.open(dir.resolve("trust.db"));
        lists = TrustLists.open(db, clock);
        assertTrue(lists.applyTrust(oldTrust).contains("kept"));
        assertTrue(lists.applyRevocations(oldRevocations).contains("kept"));
        assertTrue(lists.applyRevocations(revocations(2, Map.of("full", true, "ids", List.of()))).contains("kept"),
                "the same version again changes nothing");
        // The removed key stays removed (the new key shares its kid, so the signature is what fails).
        assertInstanceOf(Verification.Rejected.class, verifier().verify(pass("p1"), clock.instant()));
        Map<String, Object> unversioned = new LinkedHashMap<>(Map.of("v", 1, "type", "revocations",
                "issuedAt", clock.instant().toString(), "full", true, "ids", List.of()));
        InvalidDocument e = assertThrows(InvalidDocument.class, () -> lists.applyRevocations(JSON.writeValueAsBytes(unversioned)));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        unversioned.put("version", 3);
        unversioned.remove("issuedAt");
        assertThrows(InvalidDocument.class, () -> lists.applyRevocations(JSON.writeValueAsBytes(unversioned)));
        assertEquals(2, lists.revocationVersion());
        assertEquals(2, lists.trustVersion());
    }

    @Test
    void aBadListChangesNothing() throws Exception {
        lists.applyTrust(trustList(1, clock.instant(), issuer));
        byte[] bad = JSON.writeValueAsBytes(Map.of("v", 1, "type", "trust", "version", 2,
                "issuedAt", clock.instant().toString(), "keys", List.of(Map.of("store", "community", "kid", "AQ==",
                        "publicKey", "bm90IGEga2V5")))); // "not a key"
        InvalidDocument e = assertThrows(InvalidDocument.class, () -> lists.applyTrust(bad));
        assertEquals("keys[0].publicKey: not an EC or RSA SubjectPublicKeyInfo", e.getMessage());
        assertEquals(1, lists.trustVersion());
        assertThrows(InvalidDocument.class, () -> lists.applyTrust(revocations(9, Map.of("full", true,
                "ids", List.of()))));
    }

    @Test
    void aClockSteppedBackBeforeTheListsIssueCannotCallItFresh() throws Exception {
        lists.applyTrust(trustList(1, clock.instant().minus(Duration.ofHours(1)), issuer));
        assertFalse(lists.stale(clock.instant()));
        clock.advance(Duration.ofHours(-12)); // NTP stepped back a little: still before the issue, still fresh
        assertFalse(lists.stale(clock.instant()));
        clock.advance(Duration.ofDays(-200)); // booted without a real-time clock: its age is unknown
        assertTrue(lists.stale(clock.instant()));
        clock.advance(Duration.ofDays(200).plusHours(12)); // NTP set it again
        assertFalse(lists.stale(clock.instant()));
    }

    @Test
    void aTrustListIssuedMoreThan24HoursAgoIsStale() throws Exception {
        assertTrue(lists.stale(clock.instant()));
        lists.applyTrust(trustList(1, clock.instant().minus(Duration.ofHours(23)), issuer));
        assertFalse(lists.stale(clock.instant()));
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertTrue(lists.stale(clock.instant()));
        assertEquals(clock.instant().minus(Duration.ofHours(24).plusSeconds(1)), lists.lastTrustUpdate().orElseThrow());
    }

    /**
     * An issuedAt the store cannot hold (it keeps epoch milliseconds) is an invalid document, for
     * trust lists and revocation lists alike, not an ArithmeticException out of the inbound router.
     */
    @Test
    void issuedAtBeyondYear9999IsInvalid() throws Exception {
        Instant far = Instant.parse("+1000000000-01-01T00:00:00Z");
        InvalidDocument t = assertThrows(InvalidDocument.class, () -> lists.applyTrust(trustList(1, far, issuer)));
        assertTrue(t.getMessage().startsWith("issuedAt: "), t.getMessage());
        Map<String, Object> m = new LinkedHashMap<>(Map.of("v", 1, "type", "revocations", "version", 1,
                "issuedAt", far.toString(), "full", true, "ids", List.of("pass-1")));
        InvalidDocument r = assertThrows(InvalidDocument.class, () -> lists.applyRevocations(JSON.writeValueAsBytes(m)));
        assertTrue(r.getMessage().startsWith("issuedAt: "), r.getMessage());
        assertEquals(0, lists.trustVersion());
        assertEquals(0, lists.revocationVersion());
    }
}
