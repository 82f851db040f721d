package org.gridgate.fuzz.credential;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gridgate.credential.InMemoryRevocations;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.hcert.Cbor;
import org.gridgate.credential.hcert.CborEncoder;
import org.gridgate.credential.hcert.CoseSign1;
import org.gridgate.credential.hcert.CoseSignatures;
import org.gridgate.credential.hcert.HcertChain;
import org.gridgate.credential.hcert.HcertEncoder;
import org.gridgate.credential.hcert.HcertVerifier;
import org.gridgate.fuzz.FuzzFixtures;

/**
 * Past the signature: mutated text almost never carries a valid signature, so the CWT claims, the
 * EU DCC payload (-260/1) and the community pass (-70000) would stay out of the fuzzer's reach. Here
 * the fuzzer writes the CWT payload bytes and this target signs them with a key the verifier trusts
 * for both formats, then hands the verifier the full scanned text (prefix, Base45, zlib, COSE), as a
 * compromised or buggy issuer could produce. Same property as {@link HcertTextFuzzTest}.
 * Input layout: the payload bytes first; the format (last byte, bit 0: EU DCC) and the key id
 * placement (second-to-last byte, bit 0: protected header) from the end.
 */
class HcertSignedPayloadFuzzTest {
    private static final InMemoryTrustStore TRUSTED = new InMemoryTrustStore().add(FuzzFixtures.KID,
            FuzzFixtures.KEYS.getPublic());
    private static final HcertVerifier VERIFIER = new HcertVerifier(TRUSTED, TRUSTED, new InMemoryRevocations(),
            HcertVerifier.Options.defaults());
    private static final String COMMUNITY_PREFIX = HcertVerifier.Options.defaults().communityPrefix();

    @FuzzTest(maxDuration = "15s")
    void signedPayloadIsVerifiedOrRejectedWithAReason(FuzzedDataProvider data) throws GeneralSecurityException {
        boolean dcc = data.consumeBoolean();
        boolean kidProtected = data.consumeBoolean();
        byte[] payload = data.consumeRemainingAsBytes();
        String text = HcertEncoder.text(dcc ? HcertChain.EU_DCC_PREFIX : COMMUNITY_PREFIX, signed(payload, kidProtected));
        HcertTextFuzzTest.check(VERIFIER.verify(text, FuzzFixtures.DCC_NOW));
    }

    /** A COSE_Sign1 over exactly these payload bytes, ES256 with the fuzz key. */
    static byte[] signed(byte[] payload, boolean kidProtected) throws GeneralSecurityException {
        Map<Cbor, Cbor> prot = new LinkedHashMap<>();
        Map<Cbor, Cbor> unprot = new LinkedHashMap<>();
        prot.put(Cbor.of(1), Cbor.of(CoseSignatures.ES256));
        (kidProtected ? prot : unprot).put(Cbor.of(4), Cbor.of(FuzzFixtures.KID));
        byte[] protectedBytes = CborEncoder.encode(new Cbor.CborMap(prot));
        CoseSign1 unsigned = new CoseSign1(protectedBytes, new Cbor.CborMap(prot), new Cbor.CborMap(unprot), payload,
                new byte[0]);
        byte[] signature = CoseSignatures.sign(CoseSignatures.ES256, FuzzFixtures.KEYS.getPrivate(), unsigned.toBeSigned());
        return new CoseSign1(protectedBytes, unsigned.protectedHeader(), unsigned.unprotectedHeader(), payload, signature)
                .encode();
    }
}
