package org.gridgate.fuzz.credential;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.gridgate.credential.hcert.HcertChain;
import org.gridgate.credential.hcert.HcertEncoder;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.fuzz.FuzzFixtures;

/**
 * Under the zlib layer: a mutated scanned text almost never survives Base45 and the zlib checksum,
 * so the COSE_Sign1 structure (tags 61/18, the four parts, protected and unprotected headers, key id
 * and algorithm, the CBOR decoder under them) is fuzzed here directly: the fuzzer writes the COSE
 * bytes, this target compresses and encodes them as the scanner would deliver them and hands the
 * text to the verifier that trusts the DCC seeds' signers. Same property as {@link HcertTextFuzzTest}.
 * Input layout: the COSE bytes first; the format (last byte, bit 0: EU DCC) from the end.
 */
class HcertCoseFuzzTest {
    private static final String COMMUNITY_PREFIX = HcertVerifier.Options.defaults().communityPrefix();

    @FuzzTest(maxDuration = "15s")
    void coseMessageIsVerifiedOrRejectedWithAReason(FuzzedDataProvider data) {
        boolean dcc = data.consumeBoolean();
        byte[] cose = data.consumeRemainingAsBytes();
        String text = HcertEncoder.text(dcc ? HcertChain.EU_DCC_PREFIX : COMMUNITY_PREFIX, cose);
        HcertTextFuzzTest.check(HcertTextFuzzTest.VERIFIER.verify(text, FuzzFixtures.DCC_NOW));
    }
}
