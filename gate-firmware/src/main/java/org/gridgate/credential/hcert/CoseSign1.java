package org.gridgate.credential.hcert;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A COSE_Sign1 message (RFC 9052 section 4.2): tagged 18 or untagged, optionally inside the CWT
 * tag 61. Only the structure is checked here; {@link CoseSignatures} checks the signature.
 */
public record CoseSign1(byte[] protectedBytes, Cbor.CborMap protectedHeader, Cbor.CborMap unprotectedHeader,
        byte[] payload, byte[] signature) {

    public static final long TAG_COSE_SIGN1 = 18;
    public static final long TAG_CWT = 61;
    static final long HEADER_ALG = 1;
    static final long HEADER_KID = 4;

    public static CoseSign1 decode(byte[] bytes) throws HcertException {
        Cbor item = CborDecoder.decode(bytes);
        if (item instanceof Cbor.Tagged t && t.tag() == TAG_CWT) {
            item = t.item();
        }
        if (item instanceof Cbor.Tagged t && t.tag() == TAG_COSE_SIGN1) {
            item = t.item();
        }
        if (item instanceof Cbor.Tagged t) {
            throw HcertException.malformed("cose: unexpected tag " + t.tag() + " (not COSE_Sign1)");
        }
        if (!(item instanceof Cbor.Array a) || a.items().size() != 4) {
            throw HcertException.malformed("cose: not a COSE_Sign1 array of 4");
        }
        List<Cbor> parts = a.items();
        if (!(parts.get(0) instanceof Cbor.Bytes prot)) {
            throw HcertException.malformed("cose: protected header is not a byte string");
        }
        if (!(parts.get(1) instanceof Cbor.CborMap unprotectedHeader)) {
            throw HcertException.malformed("cose: unprotected header is not a map");
        }
        if (!(parts.get(2) instanceof Cbor.Bytes payload)) {
            throw HcertException.malformed("cose: payload is not a byte string (detached payloads are not used)");
        }
        if (!(parts.get(3) instanceof Cbor.Bytes signature)) {
            throw HcertException.malformed("cose: signature is not a byte string");
        }
        byte[] protectedBytes = prot.value();
        Cbor.CborMap protectedHeader = new Cbor.CborMap(Map.of());
        if (protectedBytes.length > 0) {
            if (!(CborDecoder.decode(protectedBytes) instanceof Cbor.CborMap m)) {
                throw HcertException.malformed("cose: protected header is not a map");
            }
            protectedHeader = m;
        }
        return new CoseSign1(protectedBytes, protectedHeader, unprotectedHeader, payload.value(), signature.value());
    }

    /** The key id: from the protected header, or failing that from the unprotected one. */
    public Optional<byte[]> kid() throws HcertException {
        Optional<Cbor> kid = protectedHeader.get(HEADER_KID).or(() -> unprotectedHeader.get(HEADER_KID));
        if (kid.isEmpty()) {
            return Optional.empty();
        }
        if (!(kid.get() instanceof Cbor.Bytes b)) {
            throw HcertException.malformed("cose: key id is not a byte string");
        }
        return Optional.of(b.value());
    }

    /** The algorithm: from the protected header, or failing that the unprotected one (the signature covers the key's type anyway). */
    public long alg() throws HcertException {
        Optional<Cbor> alg = protectedHeader.get(HEADER_ALG).or(() -> unprotectedHeader.get(HEADER_ALG));
        if (alg.isEmpty()) {
            throw HcertException.malformed("cose: no algorithm in the headers");
        }
        if (!(alg.get() instanceof Cbor.Int i)) {
            throw HcertException.malformed("cose: algorithm is not an integer");
        }
        return i.value();
    }

    /** The bytes the signature covers: Sig_structure ["Signature1", protected, external_aad h'', payload]. */
    public byte[] toBeSigned() {
        return toBeSigned(protectedBytes, payload);
    }

    static byte[] toBeSigned(byte[] protectedBytes, byte[] payload) {
        return CborEncoder.encode(new Cbor.Array(List.of(
                Cbor.of("Signature1"), Cbor.of(protectedBytes), Cbor.of(new byte[0]), Cbor.of(payload))));
    }

    /** The message, tagged 18, as an issuer writes it. */
    public byte[] encode() {
        return CborEncoder.encode(new Cbor.Tagged(TAG_COSE_SIGN1, new Cbor.Array(List.of(
                Cbor.of(protectedBytes), unprotectedHeader, Cbor.of(payload), Cbor.of(signature)))));
    }

    @Override
    public String toString() {
        return "CoseSign1[" + payload.length + " byte payload]";
    }
}
