package org.gridgate.credential.hcert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a signed code: CWT claims in a COSE_Sign1, zlib, Base45, prefix. For issuers and tests. */
public final class HcertEncoder {
    private HcertEncoder() {}

    /**
     * Signs the claims with the key (EC P-256: ES256, RSA: PS256). The algorithm always goes in the
     * protected header; the key id in the protected header, or in the unprotected one if asked.
     */
    public static byte[] sign(Cbor.CborMap claims, PrivateKey key, byte[] kid, boolean kidProtected)
            throws GeneralSecurityException {
        long alg = CoseSignatures.algorithmFor(key);
        Map<Cbor, Cbor> prot = new LinkedHashMap<>();
        prot.put(Cbor.of(CoseSign1.HEADER_ALG), Cbor.of(alg));
        Map<Cbor, Cbor> unprot = new LinkedHashMap<>();
        (kidProtected ? prot : unprot).put(Cbor.of(CoseSign1.HEADER_KID), Cbor.of(kid));
        byte[] protectedBytes = CborEncoder.encode(new Cbor.CborMap(prot));
        byte[] payload = CborEncoder.encode(claims);
        byte[] signature = CoseSignatures.sign(alg, key, CoseSign1.toBeSigned(protectedBytes, payload));
        return new CoseSign1(protectedBytes, new Cbor.CborMap(prot), new Cbor.CborMap(unprot), payload, signature).encode();
    }

    /** The scannable text of a COSE message: prefix + Base45(zlib(cose)). */
    public static String text(String prefix, byte[] cose) {
        return prefix + Base45.encode(Zlib.deflate(cose));
    }
}
