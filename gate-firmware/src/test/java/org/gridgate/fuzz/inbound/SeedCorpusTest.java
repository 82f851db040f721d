package org.gridgate.fuzz.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.gridgate.command.SignedEnvelope;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Verification;
import org.gridgate.credential.Verification.Failure;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.fuzz.FuzzFixtures;
import org.junit.jupiter.api.Test;

/**
 * The seed corpora are only worth keeping if their valid seeds get past every check: a seed that
 * stopped verifying (a key, a clock or a format changed) would leave the fuzzer at the front door.
 */
class SeedCorpusTest {
    @Test
    void validCodeSeedsVerify() throws Exception {
        HcertVerifier verifier = new HcertVerifier(FuzzFixtures.dccSigners(),
                new InMemoryTrustStore().add(FuzzFixtures.KID, FuzzFixtures.KEYS.getPublic()), new InMemoryRevocations(),
                HcertVerifier.Options.defaults());
        for (String seed : new String[] {"community-pass", "community-pass-crlf", "dcc-de-1"}) {
            assertInstanceOf(Verification.Verified.class, verifier.verify(code(seed), FuzzFixtures.DCC_NOW), seed);
        }
        // Real vectors judged at one instant: their signatures verify, some are outside their validity then.
        for (String seed : new String[] {"dcc-at-1", "dcc-se-2", "dcc-common-CO1", "dcc-common-CO18", "dcc-common-CO19"}) {
            if (verifier.verify(code(seed), FuzzFixtures.DCC_NOW) instanceof Verification.Rejected r) {
                assertTrue(r.failure() == Failure.EXPIRED || r.failure() == Failure.NOT_YET_VALID, seed + ": " + r);
            }
        }
    }

    private static String code(String seed) throws Exception {
        return new String(seed("credential/HcertTextFuzzTest", "scannedTextIsVerifiedOrRejectedWithAReason", seed),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void documentSeedsAreApplied() throws Exception {
        String[][] seeds = {{"roster-full", "roster"}, {"roster-delta", "roster"}, {"trust-list", "trust"},
            {"revocations-full", "revocations"}, {"revocations-delta", "revocations"}};
        for (String[] s : seeds) {
            byte[] data = seed("inbound/InboundDocumentFuzzTest", "documentsAreAppliedOrRejectedWithAReason", s[0]);
            // Layout: payload, then [sign, channel]; these seeds are signed here.
            byte[] payload = Arrays.copyOf(data, data.length - 2);
            String outcome = Inbound.deliver(s[1], SignedEnvelope.sign(payload, FuzzFixtures.KID,
                    FuzzFixtures.KEYS.getPrivate()));
            assertTrue(outcome.startsWith("applied: ") && !outcome.contains("kept"), s[0] + ": " + outcome);
        }
    }

    @Test
    void rawEnvelopeSeedVerifies() throws Exception {
        byte[] data = seed("inbound/CommandFuzzTest", "commandsAreAcceptedOrRejectedWithAReason", "open-envelope-raw");
        SignedEnvelope.verify(Arrays.copyOf(data, data.length - 1), FuzzFixtures.rootKeys());
        assertEquals(0, data[data.length - 1] & 1, "raw: the fuzz target does not sign it again");
    }

    static byte[] seed(String test, String method, String name) throws Exception {
        String path = "/org/gridgate/fuzz/" + test + "Inputs/" + method + "/" + name;
        try (InputStream in = SeedCorpusTest.class.getResourceAsStream(path)) {
            assertTrue(in != null, path);
            return in.readAllBytes();
        }
    }
}
