package org.gridgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code gate config check} (and provisioning) asks beyond a well-formed file: can this gate
 * admit anybody, and are its devices there. A file {@link ConfigLoader} accepts can still be a gate
 * that denies everyone: no root key (every roster is rejected), no broker (no roster arrives), no
 * volunteer (nobody can sign in to help or open the gate). Those are errors. A device node missing
 * right now is a warning, since a USB device may be plugged in later; {@code strict} makes it an
 * error, for a check on the finished terminal.
 */
public final class ConfigCheck {
    /** The rehearsal volunteers' PIN hashes shipped in examples/sim.yaml (PINs 2020 and 2021). */
    static final Set<String> REHEARSAL_PINS = Set.of(
            "pbkdf2-sha256$210000$ToCxXqxYvMkFWHgaqBey8w==$RR24fwWGYpFZJcEFKe8gv5YbeuYx3onXrmCBxZsAB5I=",
            "pbkdf2-sha256$210000$b0uBZPxf4u/P14Uzu6NcGA==$wpaSMoz3fYeIeUyiprnKBvhnq/E9kicTsXOH2Rnzcq4=");

    /** The outcome: {@code config} is present when the file loaded; ok only without errors. */
    public record Result(Optional<GateConfig> config, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        public Result {
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private ConfigCheck() {}

    public static Result check(Path file, boolean strict) {
        GateConfig c;
        try {
            c = ConfigLoader.load(file);
        } catch (ConfigException e) {
            return new Result(Optional.empty(), e.problems(), List.of());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        Lines lines = new Lines(file.toString(), text);
        List<ConfigProblem> errors = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        admits(c, lines, errors, warnings);
        devices(c, lines, strict ? errors : warnings, strict);
        return new Result(Optional.of(c), errors, warnings);
    }

    /** The problems a gate run with this config would have admitting anybody (for {@code gate run}'s log). */
    public static List<String> admissionProblems(GateConfig c) {
        List<ConfigProblem> errors = new ArrayList<>();
        admits(c, new Lines(c.source().toString(), ""), errors, new ArrayList<>());
        return errors.stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static void admits(GateConfig c, Lines at, List<ConfigProblem> errors, List<ConfigProblem> warnings) {
        if (c.credentials().rootKeys().isEmpty()) {
            errors.add(at.problem("credentials.rootKeys", "no root key: the gate rejects every roster (unknown_kid) "
                    + "and denies everyone not_registered. Add the community's root key, "
                    + "rootKeys: [{ kid: BASE64, publicKey: BASE64 }] — `sim provision --community-key FILE` writes it, "
                    + "`sim server --key FILE` prints it"));
        }
        if (c.mqtt().isEmpty()) {
            errors.add(at.problem("mqtt", "no roster source: without a broker the gate never receives the roster and "
                    + "denies everyone not_registered. Add mqtt: { uris: [ \"ssl://BROKER:8883\" ], tls: { caFile: ... } }"
                    + " (tcp://127.0.0.1:1883 for a rehearsal with `sim server`)"));
        }
        List<ConsoleConfig.Volunteer> volunteers = c.console().map(ConsoleConfig::volunteers).orElse(List.of());
        if (volunteers.isEmpty()) {
            errors.add(at.problem(c.console().isPresent() ? "console.volunteers" : "console",
                    "no volunteer can sign in: nobody can open the gate by hand, help a resident without a phone or "
                    + "acknowledge an alarm. Add console.volunteers: [{ id: wang, role: lead, pin: HASH }] with each "
                    + "volunteer's own PIN hash (echo PIN | java -jar gridgate-gate.jar console hash-pin)"));
        } else if (volunteers.stream().noneMatch(v -> v.role() == ConsoleConfig.Role.LEAD)) {
            warnings.add(at.problem("console.volunteers", "no volunteer has role lead: nobody can change the gate's mode"));
        }
        boolean realGate = c.gpio().provider() == GpioConfig.Provider.GPIOD;
        for (ConsoleConfig.Volunteer v : volunteers) {
            if (REHEARSAL_PINS.contains(v.pin())) {
                (realGate ? errors : warnings).add(at.problem("console.volunteers", "volunteer '" + v.id()
                        + "' has a rehearsal PIN from examples/sim.yaml, which everyone who read the docs knows: "
                        + "give each volunteer their own (console hash-pin)"));
            }
        }
        for (int i = 0; i < c.credentials().rootKeys().size(); i++) {
            CredentialConfig.RootKey k = c.credentials().rootKeys().get(i);
            keyProblem(k.kid(), k.publicKey()).ifPresent(m -> errors.add(at.problem("credentials.rootKeys", m)));
        }
        for (int i = 0; i < c.credentials().trustAnchors().size(); i++) {
            CredentialConfig.TrustAnchor k = c.credentials().trustAnchors().get(i);
            keyProblem(k.kid(), k.publicKey()).ifPresent(m -> errors.add(at.problem("credentials.trustAnchors", m)));
        }
        if (c.credentials().trustAnchors().isEmpty()) {
            warnings.add(at.problem("credentials.trustAnchors", "no trust anchor: the community's own passes cannot be "
                    + "verified; residents get in only by an EU DCC whose signer the server's trust list carries, or "
                    + "an assisted pass"));
        }
    }

    /** Why a kid/publicKey pair is unusable, if it is: both base64, the key an EC or RSA SubjectPublicKeyInfo. */
    static Optional<String> keyProblem(String kid, String publicKey) {
        byte[] der;
        try {
            if (java.util.Base64.getDecoder().decode(kid).length == 0) {
                return Optional.of("kid '" + kid + "' is empty");
            }
            der = java.util.Base64.getDecoder().decode(publicKey);
        } catch (IllegalArgumentException e) {
            return Optional.of("kid '" + kid + "': kid and publicKey must be base64 (" + e.getMessage() + ")");
        }
        for (String algorithm : List.of("EC", "RSA")) {
            try {
                java.security.KeyFactory.getInstance(algorithm).generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                return Optional.empty();
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                // try the next algorithm
            }
        }
        return Optional.of("kid '" + kid + "': publicKey is not an EC or RSA public key (base64 of the DER "
                + "SubjectPublicKeyInfo, the PEM body without its BEGIN/END lines)");
    }

    private static void devices(GateConfig c, Lines at, List<ConfigProblem> out, boolean strict) {
        java.util.Map<String, String> ports = new java.util.LinkedHashMap<>();
        if (c.thermometer().transport() == Transport.SERIAL) {
            ports.put("thermometer.port", c.thermometer().port());
        }
        for (int i = 0; i < c.scanners().size(); i++) {
            ScannerConfig s = c.scanners().get(i);
            if (s.transport() == Transport.SERIAL || s.transport() == Transport.EVDEV) {
                ports.put("scanners[" + i + "].port", s.port());
            }
        }
        c.maskLine().ifPresent(m -> ports.put("maskLine.port", m.port()));
        ports.forEach((path, port) -> {
            if (port.startsWith("/") && !Files.exists(Path.of(port))) {
                out.add(at.problemAt(path, port, "no such device now: '" + port + "'"
                        + (strict ? "" : " (fine if it is plugged in later; `config check --strict` refuses it)")
                        + ". Plugged devices: ls -l /dev/serial/by-id/ /dev/gridgate/; `probe --config FILE` tests them"));
            }
        });
    }

    /** Finds the line of a dotted path (or of a value) in the file's text, for FILE:LINE messages. */
    private record Lines(String file, String text) {
        ConfigProblem problem(String path, String message) {
            return new ConfigProblem(file, lineOfPath(path), path, message);
        }

        ConfigProblem problemAt(String path, String value, String message) {
            String[] ls = text.split("\n", -1);
            for (int i = 0; i < ls.length; i++) {
                if (ls[i].contains("port:") && ls[i].contains(value)) {
                    return new ConfigProblem(file, i + 1, path, message);
                }
            }
            return new ConfigProblem(file, 1, path, message);
        }

        /** The line of the deepest key of {@code path} that exists (1 when not even the first does). */
        int lineOfPath(String path) {
            String[] ls = text.split("\n", -1);
            int line = 1;
            int from = 0;
            int indent = -1;
            for (String key : path.split("\\.")) {
                int found = -1;
                for (int i = from; i < ls.length; i++) {
                    String l = ls[i];
                    String stripped = l.stripLeading();
                    int ind = l.length() - stripped.length();
                    if (stripped.isEmpty() || stripped.startsWith("#")) {
                        continue;
                    }
                    if (ind <= indent) {
                        break; // left the parent's block
                    }
                    if (ind > indent && (stripped.startsWith(key + ":") || stripped.startsWith(key + " :"))) {
                        found = i;
                        indent = ind;
                        break;
                    }
                }
                if (found < 0) {
                    return line;
                }
                line = found + 1;
                from = found + 1;
            }
            return line;
        }
    }
}
