package org.gridgate.sim.provision;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.ConfigCheck;
import org.gridgate.config.ConfigProblem;
import org.gridgate.config.CredentialConfig;
import org.gridgate.sim.Args;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.Pem;

/**
 * {@code sim provision}: answers from flags, else asked on stdin (an empty answer takes the default
 * shown in brackets; a question without a default is asked again). Stops before the first question
 * if the folder already holds an identity. Exit 0 when the written config passes {@code config
 * check}, 73 when an identity is already there (without --force) or files cannot be written, 64 when
 * a required answer is missing, 78 for a config that does not pass the check.
 */
public final class ProvisionCommand {
    public static final String HELP = """
            usage: java -jar gridgate-sim.jar provision --out DIR [--template pi-kit|sim] [--gate-id ID]
                     [--community C] [--broker URI] [--ca-file PEM] [--community-key FILE] [--root-key FILE]
                     [--force]
              Writes DIR/gate.yaml (the template, comments kept, with your answers), the gate's device key,
              its certificate request for the community CA and a self-signed certificate, then runs the
              same check as `gate config check`. Asks for what no flag gave:
                template      pi-kit (a real terminal) or sim (a rehearsal with simulated devices)
                gate id       defaults to DIR's name when it is a valid id (gate-07)
                broker        sim: tcp://127.0.0.1:1883 (sim server); pi-kit: ssl://community.local:8883,
                              whose CA certificate (--ca-file) is copied to DIR/broker-ca.pem
                community key the PEM file with the community's public key (a sim community-key.pem is
                              created if missing); it becomes the root key that signs the roster and the
                              trust anchor for passes; --root-key FILE gives a separate root key
                volunteers    one id, role and PIN each (4-32 digits; asked without echo on a terminal);
                              at least one, the first is the lead. Only PIN hashes reach the config.
              Never replaces an existing identity without --force (the old key is lost for good).
            """;

    private ProvisionCommand() {}

    public static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) {
        return run(argv, stdin, out, err, Clock.systemUTC(), stdin == System.in ? System.console() : null);
    }

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err, Clock clock) {
        return run(argv, stdin, out, err, clock, null);
    }

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err, Clock clock,
            Console console) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--out", "--gate-id", "--community", "--broker", "--template",
                    "--community-key", "--root-key", "--ca-file"), Set.of("--force"));
            a.require("--out");
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            err.print(HELP);
            return 64;
        }
        Path dir = Path.of(a.require("--out"));
        List<Path> existing = Provisioner.existing(dir);
        if (!existing.isEmpty() && !a.flag("--force")) {
            err.println("gridgate-sim provision: " + Provisioner.exists(existing).getMessage());
            return 73;
        }
        Questions q = new Questions(a, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), out,
                console);
        try {
            String template = q.ask("--template", "template: pi-kit (a real terminal) or sim (a rehearsal)", "pi-kit",
                    v -> v.equals("pi-kit") || v.equals("sim") ? null : "pi-kit or sim");
            boolean sim = template.equals("sim");
            String dirName = dir.toAbsolutePath().normalize().getFileName() == null ? ""
                    : dir.toAbsolutePath().normalize().getFileName().toString();
            String gateId = q.ask("--gate-id", "gate id", dirName.matches(ID) ? dirName : "gate-01",
                    v -> v.matches(ID) ? null : "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            String community = q.ask("--community", "community", "sunflower-court",
                    v -> v.matches(ID) ? null : "1-64 letters, digits, '.', '_' or '-'");
            String broker = q.ask("--broker", sim ? "broker (the rehearsal's sim server)" : "the community's broker",
                    sim ? "tcp://127.0.0.1:1883" : "ssl://community.local:8883", ProvisionCommand::brokerProblem);
            Optional<String> ca = Optional.empty();
            if (broker.startsWith("ssl://")) {
                String caFile = q.ask("--ca-file", "the broker's CA certificate (PEM file from the community)", null,
                        v -> readable(v, "CERTIFICATE"));
                ca = Optional.of(Files.readString(Path.of(caFile), StandardCharsets.US_ASCII));
            }
            String keyFile = q.ask("--community-key", "the community key (PEM file with its public key)",
                    sim ? "community-key.pem" : null, v -> sim && !Files.exists(Path.of(v)) ? null
                            : readable(v, "PUBLIC KEY"));
            CredentialConfig.TrustAnchor passKey = sim ? CommunityKey.loadOrCreate(Path.of(keyFile)).anchor()
                    : publicKey(Path.of(keyFile));
            CredentialConfig.TrustAnchor root = a.get("--root-key").isPresent()
                    ? publicKey(Path.of(a.require("--root-key"))) : passKey;
            List<Provisioner.Volunteer> volunteers = q.volunteers();
            ConfigCheck.Result r = Provisioner.provision(dir, new Provisioner.Answers(gateId, community, broker, template,
                    new CredentialConfig.RootKey(root.kid(), root.publicKey()), passKey, ca, volunteers),
                    a.flag("--force"), clock.instant());
            r.errors().forEach(err::println);
            for (ConfigProblem w : r.warnings()) {
                err.println(new ConfigProblem(w.file(), w.line(), w.path(), "warning: " + w.message()));
            }
            if (!r.ok()) {
                return 78;
            }
            Path config = dir.resolve(Provisioner.CONFIG);
            out.println(config + ": ok (gate " + gateId + ", community " + community + ", " + volunteers.size()
                    + " volunteer" + (volunteers.size() == 1 ? "" : "s") + ", roster from " + broker + ")");
            out.println("device key " + dir.resolve(Provisioner.KEY) + " (keep it on the terminal), certificate "
                    + dir.resolve(Provisioner.CERT) + ", request for the community CA " + dir.resolve(Provisioner.CSR));
            nextSteps(out, sim, config, keyFile, broker);
            return 0;
        } catch (MissingAnswer e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 64;
        } catch (Provisioner.IdentityExists e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 73;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 73;
        }
    }

    static final String ID = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    private static void nextSteps(PrintStream out, boolean sim, Path config, String keyFile, String broker) {
        out.println("next:");
        if (sim) {
            out.println("  sim server --port " + broker.replaceAll(".*:", "") + " --roster roster.json --key " + keyFile
                    + "      # terminal 1");
            out.println("  sim devices --config " + config + " --with-gate --key " + keyFile + "   # terminal 2");
        } else {
            out.println("  send " + config.resolveSibling(Provisioner.CSR) + " to the community CA and replace "
                    + config.resolveSibling(Provisioner.CERT) + " with the certificate it returns");
            out.println("  on the terminal: sudo install -o root -g gridgate -m 0640 " + config
                    + " /etc/gridgate/gridgate.yaml (key, certificates and broker-ca.pem to /etc/gridgate/ too)");
            out.println("  java -jar /usr/share/gridgate/gridgate-gate.jar config check --strict /etc/gridgate/gridgate.yaml");
        }
    }

    /** Why a broker URI will not do, or null. Plain TCP only to this machine: a rehearsal. */
    static String brokerProblem(String uri) {
        if (!uri.matches("(tcp|ssl)://[^\\s/:]+:\\d{1,5}")) {
            return "a broker URI looks like ssl://host:8883 (or tcp://127.0.0.1:1883 for a rehearsal)";
        }
        String host = uri.replaceAll("^[a-z]+://", "").replaceAll(":\\d+$", "");
        if (uri.startsWith("tcp://") && !host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            return "tcp:// sends the gate's records in clear over the network: use ssl://" + host
                    + ":8883 with the broker's CA (tcp:// is for a broker on this machine)";
        }
        return null;
    }

    private static String readable(String file, String pemLabel) {
        Path p = Path.of(file);
        if (!Files.isReadable(p)) {
            return "no readable file " + file;
        }
        try {
            Pem.block(Files.readString(p, StandardCharsets.US_ASCII), pemLabel);
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return file + " holds no PEM '" + pemLabel + "' block";
        }
    }

    /** The kid (first 8 bytes of SHA-256 over the DER, as every gridgate tool derives it) and key of a public key PEM. */
    static CredentialConfig.TrustAnchor publicKey(Path file) throws IOException, GeneralSecurityException {
        byte[] der;
        try {
            der = Pem.block(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY");
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": no PEM PUBLIC KEY block (the community's public key)", e);
        }
        java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
        byte[] kid = Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(der), 8);
        return new CredentialConfig.TrustAnchor(Base64.getEncoder().encodeToString(kid),
                Base64.getEncoder().encodeToString(der));
    }

    /** A required answer that never came (end of input). */
    static final class MissingAnswer extends IOException {
        MissingAnswer(String message) {
            super(message);
        }
    }
}
