package org.gridgate.sim.provision;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A gate's own key pair (EC P-256) for mutual TLS to the broker, with a PKCS#10 certification
 * request for the community's CA and a self-signed X.509 v3 certificate for brokers that pin
 * device certificates. Subject: {@code CN=<gate id>, O=<community>}.
 */
public record DeviceIdentity(KeyPair keys, byte[] certificate, byte[] request) {
    static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    static final Duration VALIDITY = Duration.ofDays(5 * 365);

    public DeviceIdentity {
        certificate = certificate.clone();
        request = request.clone();
    }

    @Override
    public byte[] certificate() {
        return certificate.clone();
    }

    @Override
    public byte[] request() {
        return request.clone();
    }

    public static DeviceIdentity create(String gateId, String community, Instant now, SecureRandom random)
            throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair keys = g.generateKeyPair();
        byte[] name = name(gateId, community);
        byte[] alg = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] spki = keys.getPublic().getEncoded();

        byte[] serial = new byte[16];
        random.nextBytes(serial);
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                Der.integer(new BigInteger(1, serial)),
                alg,
                name,
                Der.sequence(Der.time(now.minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC)),
                        Der.time(now.plus(VALIDITY).atZone(ZoneOffset.UTC))),
                name,
                spki,
                Der.explicit(3, Der.sequence(
                        extension("2.5.29.19", true, Der.sequence()), // basicConstraints: not a CA
                        extension("2.5.29.15", true, Der.tlv(0x03, new byte[] {7, (byte) 0x80})), // digitalSignature
                        extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.2")))))); // clientAuth
        byte[] cert = Der.sequence(tbs, alg, Der.bitString(sign(keys, tbs)));

        byte[] info = Der.sequence(Der.integer(BigInteger.ZERO), name, spki, Der.explicit(0, new byte[0]));
        byte[] csr = Der.sequence(info, alg, Der.bitString(sign(keys, info)));
        return new DeviceIdentity(keys, cert, csr);
    }

    private static byte[] name(String cn, String o) {
        // Most significant first in DER: O, then CN (printed the other way round, "CN=.., O=..").
        return Der.sequence(
                Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8(o))),
                Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8(cn))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** SHA256withECDSA already yields the DER {@code Ecdsa-Sig-Value} X.509 and PKCS#10 expect. */
    private static byte[] sign(KeyPair keys, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }
}
