package org.gridgate.sim.devices;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.device.serial.JSerialCommLink;
import org.gridgate.sim.Args;
import org.gridgate.sim.bench.BenchGate;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.timing.ExecutorScheduler;

/**
 * {@code sim devices}: virtual serial devices on socat pseudo-terminals for a config, then the
 * prompt. With {@code --with-gate} the real daemon runs in this process on those pseudo-terminals
 * (real ports for devices not simulated) with mock GPIO the prompt can drive, and the community
 * key from {@code --key} added to its trust anchors.
 */
public final class DevicesCommand {
    static final java.time.Duration ROSTER_WAIT = java.time.Duration.ofSeconds(10);

    private DevicesCommand() {}

    public static int run(List<String> argv, InputStream stdin, PrintStream out, PrintStream err) {
        Args a;
        try {
            a = Args.parse(argv, Set.of("--config", "--simulate", "--dir", "--key", "--socat"), Set.of("--with-gate"));
            a.require("--config");
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim devices: " + e.getMessage());
            return 64;
        }
        GateConfig config;
        try {
            config = ConfigLoader.load(Path.of(a.require("--config")));
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 78;
        }
        Set<String> simulate = a.get("--simulate").map(s -> Arrays.stream(s.split(",")).map(String::trim)
                .filter(x -> !x.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
        Clock clock = Clock.systemUTC();
        Path dir;
        try {
            dir = ptyFolder(a.get("--dir"));
        } catch (java.io.IOException e) {
            err.println("gridgate-sim devices: " + e.getMessage());
            return 73;
        }
        try (ExecutorScheduler timers = new ExecutorScheduler("sim-devices")) {
            if (a.get("--key").isEmpty()) {
                out.println("no --key: a community key for this run only, in " + dir.resolve("community-key.pem"));
            }
            CommunityKey key = CommunityKey.loadOrCreate(Path.of(a.get("--key", dir.resolve("community-key.pem").toString())));
            try (VirtualDevices devices = VirtualDevices.start(config, simulate, dir, a.get("--socat", "socat"), timers)) {
                devices.gatePorts().forEach((id, p) -> out.println(id + ": the gate opens " + p));
                GateConfig rewired = devices.rewire(config);
                CommunityPassIssuer issuer = new CommunityPassIssuer(config.credentials().communityPrefix(),
                        config.gate().community(), key.pair().getPrivate(), key.kid());
                if (!a.flag("--with-gate")) {
                    out.println("config for a gate in another process (door and exit are GPIO there; the mask too,"
                            + " unless the config has a maskLine and --simulate names it; otherwise use policy.mask:"
                            + " off on a bench without a mask detector):");
                    out.print(devices.snippet(config));
                    out.print(key.anchorYaml());
                    new Prompt(devices, Optional.empty(), issuer, clock, timers, out).run(reader(stdin));
                    return 0;
                }
                List<CredentialConfig.TrustAnchor> anchors = new ArrayList<>(rewired.credentials().trustAnchors());
                anchors.add(key.anchor());
                List<CredentialConfig.RootKey> roots = new ArrayList<>(rewired.credentials().rootKeys());
                roots.add(key.rootKey());
                GateConfig withKey = rewired.withCredentials(new CredentialConfig(
                        rewired.credentials().communityPrefix(), anchors, rewired.credentials().clockSkew(), roots));
                try (BenchGate gate = BenchGate.start(withKey, JSerialCommLink::open,
                        new SimulatedHardware(), clock)) {
                    if (config.mqtt().isPresent()) {
                        // People presented before the roster arrives would all be "not registered".
                        out.println(gate.awaitRoster(ROSTER_WAIT) ? "roster: " + gate.app().loop().rosterSize()
                                + " entries" : "no roster from " + config.mqtt().get().uris() + " within "
                                + ROSTER_WAIT.toSeconds() + " s: everyone is 'not registered' until one arrives");
                    }
                    gate.app().consoleUrl().ifPresent(u -> out.println("console: " + u
                            + "  (sign in with a volunteer id and PIN from " + a.require("--config") + ")"));
                    out.println("gate " + config.gate().id() + " running here on GPIO mock; type help");
                    new Prompt(devices, Optional.of(gate), issuer, clock, timers, out).run(reader(stdin));
                }
                return 0;
            }
        } catch (Exception e) {
            err.println("gridgate-sim devices: " + e.getMessage());
            return 1;
        } finally {
            if (a.get("--dir").isEmpty()) {
                deleteQuietly(dir);
            }
        }
    }

    /**
     * A folder of this run's own: a fresh one under the temp folder by default, so two runs on one
     * machine never take over each other's links. A folder given with --dir must hold no live links
     * (another run's); dangling ones, left by a run that was killed, are removed.
     */
    static Path ptyFolder(Optional<String> given) throws java.io.IOException {
        if (given.isEmpty()) {
            return Files.createTempDirectory("gridgate-pty-");
        }
        Path dir = Files.createDirectories(Path.of(given.get()));
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p) && (name.startsWith("gate-") || name.startsWith("dev-"))) {
                    if (Files.exists(p)) {
                        throw new java.io.IOException(dir + " is in use by another `sim devices` (" + p + " is live): "
                                + "quit that one first, or leave out --dir to get a folder of this run's own");
                    }
                    Files.delete(p);
                }
            }
        }
        return dir;
    }

    private static void deleteQuietly(Path dir) {
        try (var entries = Files.walk(dir)) {
            entries.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
