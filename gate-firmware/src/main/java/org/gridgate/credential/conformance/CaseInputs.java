package org.gridgate.credential.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.gridgate.credential.hcert.Base45;
import org.gridgate.credential.hcert.HcertChain;
import org.gridgate.credential.hcert.HcertException;
import org.gridgate.credential.hcert.Zlib;
import org.gridgate.credential.qr.QrCodes;

/**
 * The artefacts of one dgc-testdata case. Each is the case's own field when present, else derived
 * from the previous one by the gate's own pipeline step: 2DCODE, PREFIX, BASE45, COMPRESSED, COSE.
 */
final class CaseInputs {
    private static final DateTimeFormatter CLOCK = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private final JsonNode root;

    CaseInputs(JsonNode root) {
        this.root = root;
    }

    Optional<String> field(String name) {
        JsonNode n = root.get(name);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    Optional<JsonNode> json() {
        return Optional.ofNullable(root.get("JSON")).filter(n -> !n.isNull());
    }

    Optional<JsonNode> context(String name) {
        return Optional.ofNullable(root.path("TESTCTX").get(name)).filter(n -> !n.isNull());
    }

    Optional<byte[]> hexField(String name) {
        return field(name).map(s -> HexFormat.of().parseHex(s.strip()));
    }

    Input<String> picture() {
        Optional<String> png = field("2DCODE");
        if (png.isEmpty()) {
            return Input.absent();
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(png.get());
        } catch (IllegalArgumentException e) {
            return Input.failed("2DCODE is not base64");
        }
        return QrCodes.decodePng(bytes).map(Input::of).orElseGet(() -> Input.failed("no QR code found in the picture"));
    }

    Input<String> prefixed() {
        return field("PREFIX").map(Input::of).orElseGet(this::picture);
    }

    Input<String> base45() {
        Optional<String> given = field("BASE45");
        if (given.isPresent()) {
            return Input.of(given.get());
        }
        return step(prefixed(), text -> HcertChain.unprefix(text, HcertChain.EU_DCC_PREFIX));
    }

    Input<byte[]> compressed() {
        Optional<byte[]> given = hexField("COMPRESSED");
        return given.isPresent() ? Input.of(given.get()) : step(base45(), HcertChain::compressed);
    }

    Input<byte[]> cose() {
        Optional<byte[]> given = hexField("COSE");
        return given.isPresent() ? Input.of(given.get())
                : step(compressed(), data -> Zlib.inflate(data, HcertChain.DEFAULT_MAX_INFLATED));
    }

    Optional<X509Certificate> certificate() throws CertificateException {
        Optional<JsonNode> cert = context("CERTIFICATE");
        if (cert.isEmpty()) {
            return Optional.empty();
        }
        byte[] der = Base64.getMimeDecoder().decode(cert.get().asText());
        return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der)));
    }

    /** TESTCTX.VALIDATIONCLOCK in the several ISO-8601 spellings the vectors use; no offset means UTC. */
    Optional<Instant> clock() {
        return context("VALIDATIONCLOCK").map(n -> {
            TemporalAccessor t = CLOCK.parse(n.asText().strip());
            ZoneOffset offset = t.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
            return LocalDateTime.from(t).toInstant(offset);
        });
    }

    interface Step<A, B> {
        B apply(A input) throws HcertException;
    }

    static <A, B> Input<B> step(Input<A> input, Step<A, B> step) {
        if (!input.present()) {
            return input.problem() == null ? Input.absent() : Input.failed(input.problem());
        }
        try {
            return Input.of(step.apply(input.value()));
        } catch (HcertException e) {
            return Input.failed(e.detail());
        }
    }
}
