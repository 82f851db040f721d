package org.gridgate.credential.hcert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gridgate.credential.DccType;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.TrustedKey;
import org.gridgate.credential.Verification.Failure;

/** The EU Digital COVID Certificate payload inside a CWT: claim -260, key 1, a map with v/t/r entries. */
public final class EuDcc {
    public static final long CLAIM_HCERT = -260;
    public static final long HCERT_DCC_V1 = 1;

    /** Extended-key-usage OIDs a signer certificate may carry, per type; both the spec's and the alternate arc. */
    private static final Map<DccType, List<String>> KEY_USAGE = Map.of(
            DccType.TEST, List.of("1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1"),
            DccType.VACCINATION, List.of("1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2"),
            DccType.RECOVERY, List.of("1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3"));

    private EuDcc() {}

    /** The DCC map (the content the dgc-testdata call CBOR and JSON). */
    public static Cbor.CborMap payload(CwtClaims claims) throws HcertException {
        Optional<Cbor> hcert = claims.all().get(CLAIM_HCERT);
        if (hcert.isEmpty() || !(hcert.get() instanceof Cbor.CborMap h)) {
            throw HcertException.malformed("dcc: no hcert claim (-260) map");
        }
        if (!(h.get(HCERT_DCC_V1).orElse(null) instanceof Cbor.CborMap dcc)) {
            throw HcertException.malformed("dcc: no DCC v1 map under hcert key 1");
        }
        return dcc;
    }

    /** The statement types present (non-empty v, t, r arrays). */
    public static Set<DccType> types(Cbor.CborMap dcc) throws HcertException {
        Set<DccType> types = EnumSet.noneOf(DccType.class);
        for (DccType type : DccType.values()) {
            Optional<Cbor> entries = dcc.get(type.payloadKey());
            if (entries.isPresent()) {
                if (!(entries.get() instanceof Cbor.Array a)) {
                    throw HcertException.malformed("dcc: '" + type.payloadKey() + "' is not an array");
                }
                if (!a.items().isEmpty()) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /** RFC 5280's anyExtendedKeyUsage: a certificate naming it is not restricted by its purposes. */
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    /**
     * The signer's certificate restricts the types it signs by its extended key usage. No extended key
     * usage, an empty one, a bare key or anyExtendedKeyUsage: every type. Otherwise each type present needs its
     * DCC OID (either arc), so a certificate listing only other purposes (TLS, e-mail...) signs no DCC type.
     */
    public static void checkKeyUsage(Set<DccType> types, TrustedKey signer) throws HcertException {
        if (signer.certificate().isEmpty()) {
            return;
        }
        checkKeyUsage(types, signer.certificate().get());
    }

    /** {@link #checkKeyUsage(Set, TrustedKey)} for a certificate on its own (the conformance runner's step). */
    public static void checkKeyUsage(Set<DccType> types, X509Certificate certificate) throws HcertException {
        List<String> eku;
        try {
            eku = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new HcertException(Failure.KEY_USAGE, "signer certificate has an unreadable key usage");
        }
        // An extension with no purpose at all restricts nothing (dgc-testdata common CO15: "no OID present").
        if (eku == null || eku.isEmpty() || eku.contains(ANY_EXTENDED_KEY_USAGE)) {
            return;
        }
        for (DccType type : types) {
            if (KEY_USAGE.get(type).stream().noneMatch(eku::contains)) {
                throw new HcertException(Failure.KEY_USAGE,
                        "signer certificate is not allowed to sign " + type.name().toLowerCase(java.util.Locale.ROOT)
                        + " certificates" + (KEY_USAGE.values().stream().flatMap(List::stream).anyMatch(eku::contains)
                                ? "" : " (its extended key usage names no DCC type)"));
            }
        }
    }

    /** Exactly one statement, as the DCC schema requires of a certificate presented at a gate. */
    public static DccType singleType(Cbor.CborMap dcc) throws HcertException {
        int statements = 0;
        DccType found = null;
        for (DccType type : types(dcc)) {
            statements += ((Cbor.Array) dcc.get(type.payloadKey()).orElseThrow()).items().size();
            found = type;
        }
        if (statements != 1) {
            throw HcertException.malformed("dcc: " + statements + " statements, exactly one expected");
        }
        return found;
    }

    /** SNOMED CT test results (DCC value set covid-19-lab-result). */
    static final String TEST_NOT_DETECTED = "260415000";
    static final String TEST_DETECTED = "260373001";

    /**
     * The colour of a verified DCC: a test that detected the virus is red; a statement type the policy
     * does not count as green, an incomplete vaccination series (dn < sd) or a test without a
     * "not detected" result is yellow; anything else green. Test age and recovery dates are not judged here.
     */
    public static Colour colour(Cbor.CborMap dcc, DccType type, Set<DccType> green) {
        Cbor.CborMap statement = statement(dcc, type);
        if (type == DccType.TEST && TEST_DETECTED.equals(text(statement, "tr"))) {
            return Colour.RED;
        }
        if (!green.contains(type)) {
            return Colour.YELLOW;
        }
        return switch (type) {
            case VACCINATION -> number(statement, "dn") >= number(statement, "sd") && number(statement, "sd") > 0
                    ? Colour.GREEN : Colour.YELLOW;
            case TEST -> TEST_NOT_DETECTED.equals(text(statement, "tr")) ? Colour.GREEN : Colour.YELLOW;
            case RECOVERY -> Colour.GREEN;
        };
    }

    private static Cbor.CborMap statement(Cbor.CborMap dcc, DccType type) {
        Cbor.Array entries = (Cbor.Array) dcc.get(type.payloadKey()).orElseThrow();
        return entries.items().get(0) instanceof Cbor.CborMap m ? m : new Cbor.CborMap(Map.of());
    }

    private static long number(Cbor.CborMap map, String key) {
        return map.get(key).filter(Cbor.Int.class::isInstance).map(c -> ((Cbor.Int) c).value()).orElse(0L);
    }

    /**
     * A pseudonym for the holder: a hash of the standardised names and birth date, so the gate can
     * count or revoke without keeping a name. Never the name itself.
     */
    public static String pseudonym(Cbor.CborMap dcc) {
        StringBuilder s = new StringBuilder();
        dcc.get("nam").filter(Cbor.CborMap.class::isInstance).map(Cbor.CborMap.class::cast).ifPresent(nam -> {
            s.append(text(nam, "fnt")).append('|').append(text(nam, "gnt"));
        });
        s.append('|').append(text(dcc, "dob"));
        return "dcc:" + sha256Hex(s.toString()).substring(0, 32);
    }

    /** The certificate identifier (UVCI) of the single statement, hashed: the revocation key. */
    public static String statementId(Cbor.CborMap dcc, DccType type) {
        return "uvci:" + sha256Hex(text(statement(dcc, type), "ci"));
    }

    private static String text(Cbor.CborMap map, String key) {
        return map.get(key).filter(Cbor.Text.class::isInstance).map(c -> ((Cbor.Text) c).value()).orElse("");
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
