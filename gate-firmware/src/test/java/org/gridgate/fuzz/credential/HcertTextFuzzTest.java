package org.gridgate.fuzz.credential;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Verification;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.fuzz.FuzzFixtures;

/**
 * The text of a scanned code, as the gate hands it to the verifier (serial scanners deliver
 * ISO-8859-1 bytes, one char per byte): prefix (HC1: or the community's), Base45, zlib, COSE_Sign1,
 * signature, CWT, payload, validity. The verifier is built as the gate builds it (system.Credentials).
 * Property: a verified credential or a rejection with a failure and a readable reason, and never the
 * verifier's own safety net ("code could not be processed (...)"), which only catches a step that
 * threw a runtime exception: that would be a bug the fuzzer found. Seeds: real EU DCC test vectors
 * (valid and broken) whose signers are trusted here, and a community pass signed by the fuzz key.
 */
class HcertTextFuzzTest {
    static final String SAFETY_NET = "code could not be processed";
    static final HcertVerifier VERIFIER = new HcertVerifier(FuzzFixtures.dccSigners(),
            new InMemoryTrustStore().add(FuzzFixtures.KID, FuzzFixtures.KEYS.getPublic()), new InMemoryRevocations(),
            HcertVerifier.Options.defaults());

    @FuzzTest(maxDuration = "15s")
    void scannedTextIsVerifiedOrRejectedWithAReason(byte[] input) {
        check(VERIFIER.verify(new String(input, StandardCharsets.ISO_8859_1), FuzzFixtures.DCC_NOW));
    }

    static void check(Verification v) {
        assertNotNull(v);
        if (v instanceof Verification.Rejected r) {
            assertNotNull(r.failure());
            assertTrue(FuzzFixtures.readable(r.detail()), "a rejection without a reason");
            assertFalse(r.detail().startsWith(SAFETY_NET), "a step threw: " + r.detail());
        } else {
            assertNotNull(((Verification.Verified) v).credential());
        }
    }
}
