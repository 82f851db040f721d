package org.gridgate.sim.provision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.ConfigCheck;
import org.gridgate.config.CredentialConfig;
import org.gridgate.sim.pass.Pem;

/**
 * Writes a terminal's provisioning folder: {@code gate.yaml} from a template (its comments kept)
 * with the answers filled in — gate, community, broker (with TLS for an {@code ssl://} one), the
 * community's root key and pass key, each volunteer's PIN hash — the device key pair, its
 * certification request and a self-signed certificate; then checks the config with
 * {@link ConfigCheck}, the same checker as {@code config check}. An existing device identity is only
 * replaced when forced.
 */
public final class Provisioner {
    public static final String CONFIG = "gate.yaml";
    public static final String KEY = "device-key.pem";
    public static final String CERT = "device-cert.pem";
    public static final String CSR = "device.csr";
    public static final String BROKER_CA = "broker-ca.pem";

    /** One volunteer: id, lead or not, and the PIN's hash (never the PIN). */
    public record Volunteer(String id, boolean lead, String pinHash) {
        @Override
        public String toString() {
            return "Volunteer[" + id + (lead ? ", lead" : "") + "]";
        }
    }

    /**
     * The answers. {@code rootKey} signs what the server sends (roster, trust lists, commands);
     * {@code passKey} issues the community's passes (often the same key); {@code brokerCa} is the PEM
     * of the CA an {@code ssl://} broker's certificate chains to.
     */
    public record Answers(String gateId, String community, String broker, String template,
            CredentialConfig.RootKey rootKey, CredentialConfig.TrustAnchor passKey, Optional<String> brokerCa,
            List<Volunteer> volunteers) {
        public Answers {
            volunteers = List.copyOf(volunteers);
        }
    }

    /** Refused because a device identity is already in the folder. */
    public static final class IdentityExists extends IOException {
        IdentityExists(String message) {
            super(message);
        }
    }

    private Provisioner() {}

    /** The identity files already in {@code dir}: provisioning stops before any question if there are some. */
    public static List<Path> existing(Path dir) {
        List<Path> existing = new ArrayList<>();
        for (String f : List.of(CONFIG, KEY, CERT, CSR)) {
            if (Files.exists(dir.resolve(f))) {
                existing.add(dir.resolve(f));
            }
        }
        return existing;
    }

    static IdentityExists exists(List<Path> existing) {
        return new IdentityExists(existing.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("")
                + " already there: this folder holds a device identity; use --force to replace it (the old key is "
                + "lost), or --out another folder");
    }

    /** Provisions {@code dir}; returns the check of the written config. */
    public static ConfigCheck.Result provision(Path dir, Answers a, boolean force, Instant now)
            throws IOException, GeneralSecurityException {
        List<Path> existing = existing(dir);
        if (!existing.isEmpty() && !force) {
            throw exists(existing);
        }
        Files.createDirectories(dir);
        String config = config(template(a.template()), a, now);
        DeviceIdentity id = DeviceIdentity.create(a.gateId(), a.community(), now, new SecureRandom());
        for (Path p : existing) {
            Files.delete(p);
        }
        Pem.writePrivate(dir.resolve(KEY), Pem.encode("PRIVATE KEY", id.keys().getPrivate().getEncoded()));
        Files.writeString(dir.resolve(CERT), Pem.encode("CERTIFICATE", id.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CSR), Pem.encode("CERTIFICATE REQUEST", id.request()), StandardCharsets.US_ASCII);
        if (a.brokerCa().isPresent()) {
            Files.writeString(dir.resolve(BROKER_CA), a.brokerCa().get(), StandardCharsets.US_ASCII);
        }
        Pem.writePrivate(dir.resolve(CONFIG), config); // PIN hashes: owner only until installed root:gridgate 0640
        return ConfigCheck.check(dir.resolve(CONFIG), false);
    }

    static String template(String name) throws IOException {
        if (!name.equals("pi-kit") && !name.equals("sim")) {
            throw new IOException("unknown template '" + name + "' (pi-kit or sim)");
        }
        try (InputStream in = Provisioner.class.getResourceAsStream("/examples/" + name + ".yaml")) {
            if (in == null) {
                throw new IOException("template " + name + ".yaml missing from the simulator jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The template with the answers in, its comments kept, under a header naming where it came from. */
    static String config(String template, Answers a, Instant now) {
        TemplateText t = new TemplateText(template)
                .put("gate", "id", a.gateId())
                .put("gate", "community", a.community())
                .put("mqtt", "uris", "[ \"" + a.broker() + "\" ]");
        if (a.broker().startsWith("ssl://")) {
            // The community's broker (systemd/mosquitto/gridgate.conf) pins its CA and wants a client
            // certificate: the device's own, once the community CA has signed device.csr.
            t.put("mqtt", "tls", List.of("", "  caFile: " + BROKER_CA, "  certFile: " + CERT, "  keyFile: " + KEY));
        }
        t.put("credentials", "rootKeys", List.of("", "  - { kid: \"" + a.rootKey().kid() + "\", publicKey: \""
                + a.rootKey().publicKey() + "\" }"));
        t.put("credentials", "trustAnchors", List.of("", "  - { kid: \"" + a.passKey().kid() + "\", publicKey: \""
                + a.passKey().publicKey() + "\" }"));
        List<String> volunteers = new ArrayList<>();
        volunteers.add("");
        for (Volunteer v : a.volunteers()) {
            volunteers.add("  - { id: " + v.id() + ", role: " + (v.lead() ? "lead" : "volunteer") + ", pin: \""
                    + v.pinHash() + "\" }");
        }
        t.put("console", "volunteers", volunteers).dropComments("rehearsal pins");
        return "# gridgate: gate " + a.gateId() + " of " + a.community() + ", provisioned " + now.toString().substring(0, 10)
                + " by `gridgate-sim provision` from the " + a.template() + " template.\n"
                + "# Volunteers' PINs are stored as hashes; add one: echo PIN | java -jar gridgate-gate.jar console hash-pin\n"
                + "# Check: java -jar gridgate-gate.jar config check FILE\n"
                + t;
    }
}
