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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.sim.pass.Pem;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Writes a terminal's provisioning folder: {@code gate.yaml} from a template with the answers
 * filled in and the community's trust anchor installed, the device key pair, its certification
 * request and a self-signed certificate; then loads the config with {@link ConfigLoader}, the same
 * checker as {@code config check}. An existing device identity is only replaced when forced.
 */
public final class Provisioner {
    public static final String CONFIG = "gate.yaml";
    public static final String KEY = "device-key.pem";
    public static final String CERT = "device-cert.pem";
    public static final String CSR = "device.csr";

    /** The answers; {@code anchor} is the community key gates verify passes with, if known yet. */
    public record Answers(String gateId, String community, String broker, String template,
            Optional<CredentialConfig.TrustAnchor> anchor) {}

    /** Refused because a device identity is already in the folder. */
    public static final class IdentityExists extends IOException {
        IdentityExists(String message) {
            super(message);
        }
    }

    private Provisioner() {}

    /** Provisions {@code dir}; returns the validated config. */
    public static GateConfig provision(Path dir, Answers a, boolean force, Instant now)
            throws IOException, ConfigException, GeneralSecurityException {
        List<Path> existing = new ArrayList<>();
        for (String f : List.of(CONFIG, KEY, CERT, CSR)) {
            if (Files.exists(dir.resolve(f))) {
                existing.add(dir.resolve(f));
            }
        }
        if (!existing.isEmpty() && !force) {
            throw new IdentityExists(existing + " already there: this folder holds a device identity; "
                    + "use --force to replace it (the old key is lost)");
        }
        Files.createDirectories(dir);
        String config = config(template(a.template()), a);
        DeviceIdentity id = DeviceIdentity.create(a.gateId(), a.community(), now, new SecureRandom());
        for (Path p : existing) {
            Files.delete(p);
        }
        Pem.writePrivate(dir.resolve(KEY), Pem.encode("PRIVATE KEY", id.keys().getPrivate().getEncoded()));
        Files.writeString(dir.resolve(CERT), Pem.encode("CERTIFICATE", id.certificate()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CSR), Pem.encode("CERTIFICATE REQUEST", id.request()), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve(CONFIG), config, StandardCharsets.UTF_8);
        return ConfigLoader.load(dir.resolve(CONFIG));
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

    /** The template with the answers in; the template's comments give way to a header naming it. */
    @SuppressWarnings("unchecked")
    static String config(String template, Answers a) {
        Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(template);
        Map<String, Object> gate = (Map<String, Object>) root.get("gate");
        gate.put("id", a.gateId());
        gate.put("community", a.community());
        Map<String, Object> mqtt = (Map<String, Object>) root.get("mqtt");
        if (mqtt != null) {
            mqtt.put("uris", List.of(a.broker()));
            if (a.broker().startsWith("ssl://") && !mqtt.containsKey("tls")) {
                // TLS with the community CA pinned and this gate's certificate (its CSR, signed by that CA).
                Map<String, Object> tls = new LinkedHashMap<>();
                tls.put("caFile", "community-ca.pem");
                tls.put("certFile", CERT);
                tls.put("keyFile", KEY);
                mqtt.put("tls", tls);
            }
        }
        Map<String, Object> creds = (Map<String, Object>) root.computeIfAbsent("credentials", k -> new LinkedHashMap<>());
        a.anchor().ifPresent(t -> {
            Map<String, Object> anchor = new LinkedHashMap<>();
            anchor.put("kid", t.kid());
            anchor.put("publicKey", t.publicKey());
            creds.put("trustAnchors", List.of(anchor));
        });
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setWidth(200);
        return "# gridgate: gate " + a.gateId() + " of " + a.community() + ", provisioned by `gridgate-sim provision`\n"
                + "# from the " + a.template() + " template. Check it with: gridgate-gate.jar config check FILE\n"
                + new Yaml(o).dump(root);
    }
}
