package org.gridgate.credential.hcert;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Curve;

/**
 * ECDSA with SHA-256 on P-256 (COSE ES256), verification only, on Bouncy Castle's P-256 field
 * arithmetic. Why not the JDK: the gate runs C1-compiled code only (a steady tail beats C2's
 * compilations during the first hours), and there the JDK's generic EC code takes about 1.9 ms per
 * verification against 0.2-0.3 ms here, the largest single cost of a decision. Bouncy Castle
 * keeps the windowed precomputation of each point on the point: the generator's once, and each
 * trusted key's on first use, so a community's own key verifies fastest from its second code on.
 *
 * <p>The check is the standard one (SEC 1, 4.1.4): r and s in [1, n-1], e the SHA-256 of the data
 * (as long as n, no truncation), X = (e/s)G + (r/s)Q not infinity, and X's x coordinate mod n equal
 * to r. The comparison is done in Jacobian coordinates (x = X/Z^2) without the inversion an affine
 * point would cost: r·Z^2 == X, or (r + n)·Z^2 == X where r + n is still below p.
 */
final class P256Verifier {
    private static final ECCurve CURVE = new SecP256R1Curve();
    private static final BigInteger N = CURVE.getOrder();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final int SIGNATURE_BYTES = 64;
    /**
     * The points of trusted keys, by key (empty for a key on another curve); a key the trust store
     * dropped is collected with its tables.
     */
    private static final Map<ECPublicKey, Optional<ECPoint>> POINTS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The JDK's own secp256r1 parameters: the generator comes from them, not from a constant typed here. */
    private static final ECParameterSpec STANDARD = standard();
    private static final ECPoint G = CURVE.validatePoint(STANDARD.getGenerator().getAffineX(),
            STANDARD.getGenerator().getAffineY());

    static {
        if (CURVE.getCoordinateSystem() != ECCurve.COORD_JACOBIAN) {
            throw new ExceptionInInitializerError("P-256 is expected in Jacobian coordinates");
        }
        if (!isP256(STANDARD)) {
            throw new ExceptionInInitializerError("the JDK's secp256r1 is not Bouncy Castle's P-256");
        }
    }

    /** The key's point on P-256. */
    private final ECPoint q;

    private P256Verifier(ECPoint q) {
        this.q = q;
    }

    /**
     * A verifier for {@code key} if it is on P-256 (validated once and cached with its precomputed
     * multiples); empty for a key on another curve, which goes to the JDK.
     */
    static Optional<P256Verifier> forKey(ECPublicKey key) {
        return POINTS.computeIfAbsent(key, P256Verifier::point).map(P256Verifier::new);
    }

    /** Whether {@code key} is on P-256 (the curve this verifier serves). */
    static boolean serves(ECPublicKey key) {
        return forKey(key).isPresent();
    }

    /** {@link #verify(byte[], byte[])} with {@code key}'s verifier; false for a key not on P-256. */
    static boolean verify(ECPublicKey key, byte[] data, byte[] signature) {
        return forKey(key).map(v -> v.verify(data, signature)).orElse(false);
    }

    /**
     * Whether {@code signature} (raw r||s, 64 bytes) is this key's ECDSA-SHA-256 signature of
     * {@code data}. False for a signature of the wrong size or out of range.
     */
    boolean verify(byte[] data, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            return false;
        }
        BigInteger e = new BigInteger(1, sha256(data));
        BigInteger w = s.modInverse(N);
        ECPoint x = ECAlgorithms.sumOfTwoMultiplies(G, e.multiply(w).mod(N), q, r.multiply(w).mod(N));
        if (x.isInfinity()) {
            return false;
        }
        ECFieldElement z2 = x.getZCoord(0).square();
        ECFieldElement xRaw = x.getRawXCoord();
        if (CURVE.fromBigInteger(r).multiply(z2).equals(xRaw)) {
            return true;
        }
        BigInteger rPlusN = r.add(N); // x in [n, p) reduces to r as well
        return rPlusN.compareTo(P) < 0 && CURVE.fromBigInteger(rPlusN).multiply(z2).equals(xRaw);
    }

    /** The key as a validated point on P-256; empty if the key is on another curve. */
    private static Optional<ECPoint> point(ECPublicKey key) {
        if (!isP256(key.getParams())) {
            return Optional.empty();
        }
        try { // on the curve (and, P-256's cofactor being 1, in the group)
            return Optional.of(CURVE.validatePoint(key.getW().getAffineX(), key.getW().getAffineY()));
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        if (!(params.getCurve().getField() instanceof ECFieldFp fp)) {
            return false;
        }
        return fp.getP().equals(P)
                && params.getCurve().getA().equals(CURVE.getA().toBigInteger())
                && params.getCurve().getB().equals(CURVE.getB().toBigInteger())
                && params.getOrder().equals(N)
                && params.getCofactor() == 1
                && params.getGenerator().equals(STANDARD.getGenerator());
    }

    private static ECParameterSpec standard() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
