package org.gridgate.credential;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridgate.credential.hcert.Cbor;
import org.gridgate.credential.hcert.HcertEncoder;

/** Keys and EU DCC codes made up for tests: the names and ids in them are fictitious. */
public final class TestCredentials {
    private TestCredentials() {}

    public static KeyPair ecKeys() {
        return ecKeys("secp256r1");
    }

    /** EC keys on a named curve: secp256r1, secp384r1, secp521r1. */
    public static KeyPair ecKeys(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CWT claims of a DCC with one statement of {@code type}: a complete series, a negative test. */
    public static Cbor.CborMap dccClaims(DccType type, Instant issuedAt, Instant expiresAt, String uvci) {
        Map<Cbor, Cbor> details = switch (type) {
            case VACCINATION -> Map.of(Cbor.of("dn"), Cbor.of(2), Cbor.of("sd"), Cbor.of(2));
            case TEST -> Map.of(Cbor.of("tr"), Cbor.of("260415000"));
            case RECOVERY -> Map.of(Cbor.of("df"), Cbor.of("2026-01-01"), Cbor.of("du"), Cbor.of("2026-06-30"));
        };
        return dccClaims(type, issuedAt, expiresAt, uvci, details);
    }

    /** CWT claims of a DCC with one statement of {@code type} with the given statement fields. */
    public static Cbor.CborMap dccClaims(DccType type, Instant issuedAt, Instant expiresAt, String uvci,
            Map<Cbor, Cbor> details) {
        Map<Cbor, Cbor> statement = new LinkedHashMap<>(details);
        statement.put(Cbor.of("tg"), Cbor.of("840539006"));
        statement.put(Cbor.of("co"), Cbor.of("XX"));
        statement.put(Cbor.of("ci"), Cbor.of(uvci));
        Map<Cbor, Cbor> nam = new LinkedHashMap<>();
        nam.put(Cbor.of("fnt"), Cbor.of("TESTER"));
        nam.put(Cbor.of("gnt"), Cbor.of("ALEX"));
        Map<Cbor, Cbor> dcc = new LinkedHashMap<>();
        dcc.put(Cbor.of("ver"), Cbor.of("1.3.0"));
        dcc.put(Cbor.of("nam"), new Cbor.CborMap(nam));
        dcc.put(Cbor.of("dob"), Cbor.of("1990-01-01"));
        dcc.put(Cbor.of(type.payloadKey()), new Cbor.Array(List.of(new Cbor.CborMap(statement))));
        Map<Cbor, Cbor> claims = new LinkedHashMap<>();
        claims.put(Cbor.of(1), Cbor.of("XX"));
        claims.put(Cbor.of(6), Cbor.of(issuedAt.getEpochSecond()));
        claims.put(Cbor.of(4), Cbor.of(expiresAt.getEpochSecond()));
        claims.put(Cbor.of(-260), new Cbor.CborMap(Map.of(Cbor.of(1), new Cbor.CborMap(dcc))));
        return new Cbor.CborMap(claims);
    }

    /** The HC1: text of the claims signed with {@code key} under {@code kid}. */
    public static String dccText(Cbor.CborMap claims, PrivateKey key, byte[] kid, boolean kidProtected) {
        try {
            return HcertEncoder.text("HC1:", HcertEncoder.sign(claims, key, kid, kidProtected));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
