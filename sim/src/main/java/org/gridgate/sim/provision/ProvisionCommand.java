package org.gridgate.sim.provision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigProblem;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.sim.Args;
import org.gridgate.sim.pass.CommunityKey;

/**
 * {@code sim provision}: answers from flags, else asked on stdin (an empty answer or the end of
 * input takes the default shown in brackets). Exit 0 when the written config validates, 73 when an
 * identity is already there (without --force) or files cannot be written, 78 for a config that
 * does not validate.
 */
public final class ProvisionCommand {
    private ProvisionCommand() {}

    public static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) {
        return run(argv, stdin, out, err, Clock.systemUTC());
    }

    static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err, Clock clock) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--out", "--gate-id", "--community", "--broker", "--template",
                    "--community-key"), Set.of("--force"));
            a.require("--out");
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 64;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        Path dir = Path.of(a.require("--out"));
        try {
            String template = answer(a, "--template", "template (pi-kit or sim)", "pi-kit", in, out);
            String gateId = answer(a, "--gate-id", "gate id", "gate-01", in, out);
            String community = answer(a, "--community", "community", "sunflower-court", in, out);
            String broker = answer(a, "--broker", "broker URI", "ssl://community.local:8883", in, out);
            Optional<CredentialConfig.TrustAnchor> anchor = Optional.empty();
            if (a.get("--community-key").isPresent()) {
                anchor = Optional.of(CommunityKey.loadOrCreate(Path.of(a.require("--community-key"))).anchor());
            } else {
                err.println("note: no --community-key: the gate trusts no community passes until "
                        + "credentials.trustAnchors is filled in");
            }
            GateConfig c = Provisioner.provision(dir, new Provisioner.Answers(gateId, community, broker, template,
                    anchor), a.flag("--force"), clock.instant());
            out.println(dir.resolve(Provisioner.CONFIG) + ": ok (gate " + c.gate().id() + ", community "
                    + c.gate().community() + ")");
            out.println("device key " + dir.resolve(Provisioner.KEY) + " (keep it on the terminal), certificate "
                    + dir.resolve(Provisioner.CERT) + ", request for the community CA " + dir.resolve(Provisioner.CSR));
            return 0;
        } catch (Provisioner.IdentityExists e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 73;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return 78;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            err.println("gridgate-sim provision: " + e.getMessage());
            return 73;
        }
    }

    private static String answer(Args a, String flag, String question, String fallback, BufferedReader in,
            PrintStream out) throws IOException {
        Optional<String> given = a.get(flag);
        if (given.isPresent()) {
            return given.get();
        }
        out.print(question + " [" + fallback + "]: ");
        out.flush();
        String line = in.readLine();
        if (line == null) {
            out.println();
        }
        return line == null || line.isBlank() ? fallback : line.trim();
    }
}
