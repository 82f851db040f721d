package org.gridgate.credential.hcert;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * The claims of a CBOR Web Token (RFC 8392): issuer (1), expiry (4) and issued-at (6) decoded,
 * every claim kept in {@link #all()} for the format-specific payload.
 */
public record CwtClaims(Optional<String> issuer, Optional<Instant> issuedAt, Optional<Instant> expiresAt,
        Cbor.CborMap all) {

    public static final long ISS = 1;
    public static final long EXP = 4;
    public static final long IAT = 6;

    public static CwtClaims decode(byte[] payload) throws HcertException {
        if (!(CborDecoder.decode(payload) instanceof Cbor.CborMap claims)) {
            throw HcertException.malformed("cwt: payload is not a claims map");
        }
        Optional<String> issuer = Optional.empty();
        Optional<Cbor> iss = claims.get(ISS);
        if (iss.isPresent()) {
            if (!(iss.get() instanceof Cbor.Text t)) {
                throw HcertException.malformed("cwt: issuer (1) is not text");
            }
            issuer = Optional.of(t.value());
        }
        return new CwtClaims(issuer, date(claims, IAT, "issued-at (6)"), date(claims, EXP, "expiry (4)"), claims);
    }

    /** A NumericDate: seconds since the epoch, integer or floating point, possibly tagged 1. */
    private static Optional<Instant> date(Cbor.CborMap claims, long key, String name) throws HcertException {
        Optional<Cbor> value = claims.get(key).map(Cbor::untagged);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return switch (value.get()) {
                case Cbor.Int i -> Optional.of(Instant.ofEpochSecond(i.value()));
                case Cbor.FloatingPoint f when Double.isFinite(f.value()) && Math.abs(f.value()) < 1e15 ->
                        Optional.of(Instant.ofEpochSecond((long) Math.floor(f.value())));
                default -> throw HcertException.malformed("cwt: " + name + " is not a date");
            };
        } catch (DateTimeException e) {
            throw HcertException.malformed("cwt: " + name + " is out of range");
        }
    }

    @Override
    public String toString() {
        return "CwtClaims[iat " + issuedAt.orElse(null) + ", exp " + expiresAt.orElse(null) + "]";
    }
}
