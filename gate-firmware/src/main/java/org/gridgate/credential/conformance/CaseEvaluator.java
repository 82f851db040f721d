package org.gridgate.credential.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.hcert.Base45;
import org.gridgate.credential.hcert.Cbor;
import org.gridgate.credential.hcert.CborDecoder;
import org.gridgate.credential.hcert.CborEncoder;
import org.gridgate.credential.hcert.CoseSign1;
import org.gridgate.credential.hcert.CoseSignatures;
import org.gridgate.credential.hcert.CwtClaims;
import org.gridgate.credential.hcert.EuDcc;
import org.gridgate.credential.hcert.HcertChain;
import org.gridgate.credential.hcert.HcertException;
import org.gridgate.credential.hcert.Validity;
import org.gridgate.credential.hcert.Zlib;

/**
 * Evaluates one EXPECTED* key of a case with the gate's pipeline steps. Empty when the case lacks
 * what the step needs (the key is then not evaluable); otherwise whether the step succeeded, and why not.
 */
final class CaseEvaluator {
    record Outcome(boolean succeeded, String reason) {
        static Outcome ok() {
            return new Outcome(true, "");
        }

        static Outcome failed(String reason) {
            return new Outcome(false, reason);
        }
    }

    private final CaseInputs in;

    CaseEvaluator(CaseInputs in) {
        this.in = in;
    }

    Optional<Outcome> evaluate(String key) {
        try {
            return switch (key) {
                case "EXPECTEDPICTUREDECODE" -> pictureDecode();
                case "EXPECTEDUNPREFIX" -> unprefix();
                case "EXPECTEDB45DECODE" -> compare(in.base45(), Base45::decode, in.hexField("COMPRESSED"), "COMPRESSED");
                case "EXPECTEDCOMPRESSION" -> compare(in.compressed(),
                        data -> Zlib.inflate(data, HcertChain.DEFAULT_MAX_INFLATED), in.hexField("COSE"), "COSE");
                case "EXPECTEDDECODE" -> decode();
                case "EXPECTEDVERIFY" -> in.context("CERTIFICATE").isEmpty() ? Optional.empty() : withCose(cose -> {
                    CoseSign1 message = CoseSign1.decode(cose);
                    CoseSignatures.verify(message, trust());
                    CwtClaims.decode(message.payload());
                });
                case "EXPECTEDEXPIRATIONCHECK" -> in.clock().isEmpty() ? Optional.empty() : withCose(cose ->
                        Validity.check(CwtClaims.decode(CoseSign1.decode(cose).payload()), in.clock().get(), Duration.ZERO));
                case "EXPECTEDKEYUSAGE" -> in.context("CERTIFICATE").isEmpty() ? Optional.empty() : withCose(cose ->
                        // The case's own certificate against the payload's types, whichever key the kid
                        // names: a kid pointing elsewhere fails verification, not key usage.
                        EuDcc.checkKeyUsage(EuDcc.types(dccPayloadOf(cose)), certificate()));
                case "EXPECTEDVALIDJSON" -> validJson();
                case "EXPECTEDENCODE" -> encode();
                default -> Optional.empty();
            };
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.of(Outcome.failed("case data unusable: " + e.getClass().getSimpleName()));
        }
    }

    private Optional<Outcome> pictureDecode() {
        Input<String> picture = in.picture();
        if (picture.absentFromCase()) {
            return Optional.empty();
        }
        if (!picture.present()) {
            return Optional.of(Outcome.failed(picture.problem()));
        }
        return Optional.of(in.field("PREFIX").filter(p -> !p.equals(picture.value())).isPresent()
                ? Outcome.failed("QR text differs from PREFIX") : Outcome.ok());
    }

    private Optional<Outcome> unprefix() {
        return compareText(CaseInputs.step(in.prefixed(), t -> HcertChain.unprefix(t, HcertChain.EU_DCC_PREFIX)),
                in.field("BASE45"));
    }

    private Optional<Outcome> compareText(Input<String> got, Optional<String> expected) {
        if (got.absentFromCase()) {
            return Optional.empty();
        }
        if (!got.present()) {
            return Optional.of(Outcome.failed(got.problem()));
        }
        return Optional.of(expected.filter(e -> !e.equals(got.value())).isPresent()
                ? Outcome.failed("result differs from BASE45") : Outcome.ok());
    }

    private <A> Optional<Outcome> compare(Input<A> input, CaseInputs.Step<A, byte[]> step, Optional<byte[]> expected,
            String field) {
        Input<byte[]> got = CaseInputs.step(input, step);
        if (got.absentFromCase()) {
            return Optional.empty();
        }
        if (!got.present()) {
            return Optional.of(Outcome.failed(got.problem()));
        }
        return Optional.of(expected.filter(e -> !Arrays.equals(e, got.value())).isPresent()
                ? Outcome.failed("result differs from " + field) : Outcome.ok());
    }

    /**
     * The DCC payload in the COSE must decode, and equal the case's CBOR and JSON where given. The
     * CBOR field holds the DCC or (some issuers' vectors) the whole CWT claims map around it.
     */
    private Optional<Outcome> decode() {
        Input<Cbor> payload = CaseInputs.step(in.cose(), CaseEvaluator::dccPayload);
        Optional<byte[]> cborField = in.hexField("CBOR");
        if (payload.absentFromCase() && cborField.isEmpty()) {
            return Optional.empty();
        }
        if (!payload.absentFromCase() && !payload.present()) {
            return Optional.of(Outcome.failed(payload.problem()));
        }
        Cbor content = payload.value();
        if (cborField.isPresent()) {
            Cbor given;
            try {
                given = dccContent(CborDecoder.decode(cborField.get()));
            } catch (HcertException e) {
                return Optional.of(Outcome.failed("CBOR field: " + e.detail()));
            }
            if (content != null && !CborJson.sameCbor(content, given)) {
                return Optional.of(Outcome.failed("COSE payload differs from CBOR"));
            }
            content = content == null ? given : content;
        }
        Optional<JsonNode> json = in.json();
        if (json.isPresent() && !CborJson.sameJson(json.get(), CborJson.toJson(content))) {
            return Optional.of(Outcome.failed("payload differs from JSON"));
        }
        return Optional.of(Outcome.ok());
    }

    /** The DCC itself: the item, or the DCC inside it when the item is a CWT claims map. */
    private static Cbor dccContent(Cbor item) throws HcertException {
        if (item instanceof Cbor.CborMap m && m.get(EuDcc.CLAIM_HCERT).isPresent()) {
            return EuDcc.payload(new CwtClaims(Optional.empty(), Optional.empty(), Optional.empty(), m));
        }
        return item;
    }

    private Optional<Outcome> validJson() {
        Optional<JsonNode> json = in.json();
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Input<Cbor> payload = CaseInputs.step(in.prefixed(), text -> EuDcc.payload(CwtClaims.decode(HcertChain.cose(
                HcertChain.unprefix(text, HcertChain.EU_DCC_PREFIX), HcertChain.DEFAULT_MAX_INFLATED).payload())));
        if (payload.absentFromCase()) {
            return Optional.empty();
        }
        if (!payload.present()) {
            return Optional.of(Outcome.failed(payload.problem()));
        }
        return Optional.of(CborJson.sameJson(json.get(), CborJson.toJson(payload.value()))
                ? Outcome.ok() : Outcome.failed("decoded payload differs from JSON"));
    }

    /** JSON encoded to CBOR by the gate's encoder, read back, equals the CBOR content (given or from the COSE). */
    private Optional<Outcome> encode() {
        Optional<JsonNode> json = in.json();
        if (json.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> cborField = in.hexField("CBOR");
        Input<Cbor> expected = cborField.isPresent()
                ? CaseInputs.step(Input.of(cborField.get()), bytes -> dccContent(CborDecoder.decode(bytes)))
                : CaseInputs.step(in.cose(), CaseEvaluator::dccPayload);
        if (expected.absentFromCase()) {
            return Optional.empty();
        }
        if (!expected.present()) {
            return Optional.of(Outcome.failed(expected.problem()));
        }
        try {
            Cbor encoded = CborDecoder.decode(CborEncoder.encode(CborJson.fromJson(json.get())));
            return Optional.of(CborJson.sameJson(CborJson.toJson(expected.value()), CborJson.toJson(encoded))
                    ? Outcome.ok() : Outcome.failed("CBOR of JSON differs from CBOR"));
        } catch (HcertException e) {
            return Optional.of(Outcome.failed("encoded JSON does not decode: " + e.detail()));
        }
    }

    private interface CoseCheck {
        void check(byte[] cose) throws HcertException;
    }

    private Optional<Outcome> withCose(CoseCheck check) {
        Input<byte[]> cose = in.cose();
        if (cose.absentFromCase()) {
            return Optional.empty();
        }
        if (!cose.present()) {
            return Optional.of(Outcome.failed(cose.problem()));
        }
        try {
            check.check(cose.value());
            return Optional.of(Outcome.ok());
        } catch (HcertException e) {
            return Optional.of(Outcome.failed(e.failure() + ": " + e.detail()));
        }
    }

    private X509Certificate certificate() throws HcertException {
        try {
            return in.certificate().orElseThrow(() -> HcertException.malformed("TESTCTX.CERTIFICATE is empty"));
        } catch (CertificateException | IllegalArgumentException e) {
            throw HcertException.malformed("TESTCTX.CERTIFICATE is not an X.509 certificate");
        }
    }

    private static Cbor.CborMap dccPayloadOf(byte[] cose) throws HcertException {
        return EuDcc.payload(CwtClaims.decode(CoseSign1.decode(cose).payload()));
    }

    private InMemoryTrustStore trust() throws HcertException {
        try {
            Optional<X509Certificate> cert = in.certificate();
            InMemoryTrustStore store = new InMemoryTrustStore();
            cert.ifPresent(store::addCertificate);
            return store;
        } catch (CertificateException | IllegalArgumentException e) {
            throw HcertException.malformed("TESTCTX.CERTIFICATE is not an X.509 certificate");
        }
    }

    private static Cbor dccPayload(byte[] cose) throws HcertException {
        return EuDcc.payload(CwtClaims.decode(CoseSign1.decode(cose).payload()));
    }
}
