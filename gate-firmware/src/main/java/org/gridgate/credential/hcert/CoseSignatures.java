package org.gridgate.credential.hcert;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gridgate.credential.TrustStore;
import org.gridgate.credential.TrustedKey;
import org.gridgate.credential.Verification.Failure;

/**
 * COSE signatures: ES256 on P-256 verified by {@link P256Verifier}, everything else by the JDK: ES256 (ECDSA with SHA-256, raw r||s) and PS256 (RSASSA-PSS, SHA-256,
 * MGF1 SHA-256, salt 32). COSE's -7 names the hash, not the curve: a P-384 signer with -7 signs with
 * SHA-256 on P-384 and its raw signature is 96 bytes, so the raw size comes from the key's curve.
 */
public final class CoseSignatures {
    public static final long ES256 = -7;
    public static final long PS256 = -37;

    private CoseSignatures() {}

    /**
     * Checks the signature against every trusted key with the message's key id; returns the key that
     * verified. No key id, or none trusted: UNTRUSTED_SIGNER. Keys, but none verifies: BAD_SIGNATURE.
     */
    public static TrustedKey verify(CoseSign1 message, TrustStore trust) throws HcertException {
        long alg = message.alg();
        if (alg != ES256 && alg != PS256) {
            throw HcertException.malformed("cose: unsupported algorithm " + alg);
        }
        Optional<byte[]> kid = message.kid();
        if (kid.isEmpty()) {
            throw new HcertException(Failure.UNTRUSTED_SIGNER, "no key id in the code");
        }
        List<TrustedKey> keys = trust.keys(kid.get());
        if (keys.isEmpty()) {
            throw new HcertException(Failure.UNTRUSTED_SIGNER, "no trusted key with id " + hex(kid.get()));
        }
        byte[] toBeSigned = message.toBeSigned();
        for (TrustedKey key : keys) {
            if (verifies(alg, key.publicKey(), toBeSigned, message.signature())) {
                return key;
            }
        }
        throw new HcertException(Failure.BAD_SIGNATURE, "signature does not verify with any of the "
                + keys.size() + " trusted key(s) with id " + hex(kid.get()));
    }

    static boolean verifies(long alg, PublicKey key, byte[] data, byte[] signature) {
        try {
            if (alg == ES256 && (!(key instanceof ECKey ec) || signature.length != rawSignatureBytes(ec))) {
                return false;
            }
            if (alg == ES256 && key instanceof ECPublicKey ec) {
                Optional<P256Verifier> p256 = P256Verifier.forKey(ec);
                if (p256.isPresent()) {
                    return p256.get().verify(data, signature);
                }
            }
            if (alg == PS256 && !(key instanceof RSAKey)) {
                return false;
            }
            Signature s = engine(alg);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key of the wrong curve, a malformed signature: this key does not verify it.
            return false;
        }
    }

    /** The COSE signature of {@code data}: raw r||s for ES256, the PSS signature for PS256. */
    public static byte[] sign(long alg, PrivateKey key, byte[] data) throws GeneralSecurityException {
        Signature s = engine(alg);
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    /** The size of a raw (IEEE P1363) ECDSA signature on the key's curve: r and s, each as long as the group order. */
    public static int rawSignatureBytes(ECKey key) {
        return 2 * ((key.getParams().getOrder().bitLength() + 7) / 8);
    }

    public static long algorithmFor(PrivateKey key) {
        if (key instanceof ECKey) {
            return ES256;
        }
        if (key instanceof RSAKey) {
            return PS256;
        }
        throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }

    private static Signature engine(long alg) throws GeneralSecurityException {
        if (alg == ES256) {
            return Signature.getInstance("SHA256withECDSAinP1363Format");
        }
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return s;
    }

    static String hex(byte[] kid) {
        return HexFormat.of().formatHex(kid);
    }
}
