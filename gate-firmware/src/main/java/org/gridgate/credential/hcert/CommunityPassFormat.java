package org.gridgate.credential.hcert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;

/**
 * The community health pass claims (docs/health-pass.md): the CWT claims iss (1), exp (4), iat (6)
 * and, under the private-use claim key -70000, a map of small integer keys.
 */
public final class CommunityPassFormat {
    public static final long CLAIM_PASS = -70000;
    public static final long VERSION = 1;

    static final long KEY_VERSION = 1;
    static final long KEY_COLOUR = 2;
    static final long KEY_SUBJECT = 3;
    static final long KEY_KIND = 4;
    static final long KEY_UNIT = 5;
    static final long KEY_PASS_ID = 6;

    /** Longest subject, unit or pass id accepted: ids, not documents. */
    static final int MAX_TEXT = 128;

    private CommunityPassFormat() {}

    public static Cbor.CborMap claims(CommunityPass pass, String issuer) {
        Map<Cbor, Cbor> p = new LinkedHashMap<>();
        p.put(Cbor.of(KEY_VERSION), Cbor.of(VERSION));
        p.put(Cbor.of(KEY_COLOUR), Cbor.of(pass.colour().name().toLowerCase(Locale.ROOT)));
        p.put(Cbor.of(KEY_SUBJECT), Cbor.of(pass.subject()));
        p.put(Cbor.of(KEY_KIND), Cbor.of(pass.kind().name().toLowerCase(Locale.ROOT)));
        p.put(Cbor.of(KEY_UNIT), Cbor.of(pass.unit()));
        p.put(Cbor.of(KEY_PASS_ID), Cbor.of(pass.passId()));
        Map<Cbor, Cbor> c = new LinkedHashMap<>();
        c.put(Cbor.of(CwtClaims.ISS), Cbor.of(issuer));
        c.put(Cbor.of(CwtClaims.IAT), Cbor.of(pass.issuedAt().getEpochSecond()));
        c.put(Cbor.of(CwtClaims.EXP), Cbor.of(pass.expiresAt().getEpochSecond()));
        c.put(Cbor.of(CLAIM_PASS), new Cbor.CborMap(p));
        return new Cbor.CborMap(c);
    }

    /** Reads a pass from verified claims; a lifetime longer than {@code maxLifetime} is refused (screenshots). */
    public static CommunityPass pass(CwtClaims claims, Duration maxLifetime) throws HcertException {
        Instant iat = claims.issuedAt().orElseThrow(() -> HcertException.malformed("pass: no issued-at (6)"));
        Instant exp = claims.expiresAt().orElseThrow(() -> HcertException.malformed("pass: no expiry (4)"));
        if (!exp.isAfter(iat)) {
            throw HcertException.malformed("pass: expires before it is issued");
        }
        if (Duration.between(iat, exp).compareTo(maxLifetime) > 0) {
            throw HcertException.malformed("pass: valid for " + Duration.between(iat, exp).toSeconds()
                    + " s, longer than the allowed " + maxLifetime.toSeconds() + " s");
        }
        if (!(claims.all().get(CLAIM_PASS).orElse(null) instanceof Cbor.CborMap p)) {
            throw HcertException.malformed("pass: no pass claim (" + CLAIM_PASS + ") map");
        }
        Optional<Cbor> version = p.get(KEY_VERSION);
        if (!(version.orElse(null) instanceof Cbor.Int v) || v.value() != VERSION) {
            throw HcertException.malformed("pass: unsupported version");
        }
        Colour colour = choice(Colour.class, text(p, KEY_COLOUR, "colour"), "colour");
        PersonKind kind = choice(PersonKind.class, text(p, KEY_KIND, "kind"), "kind");
        String subject = text(p, KEY_SUBJECT, "subject");
        String passId = text(p, KEY_PASS_ID, "pass id");
        if (subject.isEmpty() || passId.isEmpty()) {
            throw HcertException.malformed("pass: empty subject or pass id");
        }
        return new CommunityPass(colour, subject, kind, text(p, KEY_UNIT, "unit"), passId, iat, exp);
    }

    private static String text(Cbor.CborMap p, long key, String name) throws HcertException {
        if (!(p.get(key).orElse(null) instanceof Cbor.Text t)) {
            throw HcertException.malformed("pass: " + name + " (" + key + ") missing or not text");
        }
        if (t.value().length() > MAX_TEXT) {
            throw HcertException.malformed("pass: " + name + " longer than " + MAX_TEXT + " characters");
        }
        return t.value();
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String name) throws HcertException {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw HcertException.malformed("pass: unknown " + name);
    }
}
