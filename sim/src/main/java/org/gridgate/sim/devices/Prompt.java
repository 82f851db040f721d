package org.gridgate.sim.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.gridgate.config.ScannerConfig.Direction;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.signals.GateInput;
import org.gridgate.sim.bench.BenchGate;
import org.gridgate.sim.bench.Presenter;
import org.gridgate.sim.bench.Visit;
import org.gridgate.sim.pass.PassCommand;
import org.gridgate.timing.Scheduler;

/**
 * The bench's prompt: one line per action, typed or piped. With the gate in this process it shows
 * each decision; with the gate elsewhere it only plays the devices (watch {@code sim server}).
 */
final class Prompt {
    static final String HELP = """
            person subject=R-0001 [colour=green] [kind=resident] [skin=36.5] [ambient=22] [mask=yes] [dir=entry]
            code TEXT [skin=..] [ambient=..] [mask=..] [dir=..]     present a raw code (anything a scanner reads)
            assist SUBJECT [volunteer=vol-1] [skin=..] [mask=..]     assisted pass (gate in this process)
            mode normal|lockdown|emergency_egress|maintenance        (gate in this process)
            open REASON | exit-button | door open|closed | pause 2s | help | quit
            """;

    static final Duration PRESS = Duration.ofMillis(300);

    private final VirtualDevices devices;
    private final Scheduler timers;
    private final Optional<BenchGate> gate;
    private final CommunityPassIssuer issuer;
    private final Clock clock;
    private final PrintStream out;

    Prompt(VirtualDevices devices, Optional<BenchGate> gate, CommunityPassIssuer issuer, Clock clock, Scheduler timers,
            PrintStream out) {
        this.devices = devices;
        this.timers = timers;
        this.gate = gate;
        this.issuer = issuer;
        this.clock = clock;
        this.out = out;
    }

    void run(BufferedReader in) throws IOException, InterruptedException {
        out.print("> ");
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String l = line.trim();
            if (l.equals("quit") || l.equals("exit")) {
                return;
            }
            if (!l.isEmpty() && !l.startsWith("#")) {
                try {
                    out.println(handle(l));
                } catch (IllegalArgumentException e) {
                    out.println("? " + e.getMessage());
                }
            }
            out.print("> ");
            out.flush();
        }
        out.println();
    }

    String handle(String line) throws IOException, InterruptedException {
        String[] w = line.split("\\s+");
        Map<String, String> kv = new HashMap<>();
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            if (eq > 0) {
                kv.put(w[i].substring(0, eq), w[i].substring(eq + 1));
            } else {
                rest.append(rest.isEmpty() ? "" : " ").append(w[i]);
            }
        }
        return switch (w[0]) {
            case "person" -> present(issuer.issue(PassCommand.pass(new PassCommand.Request(required(kv, "subject"),
                    PassCommand.colour(kv.getOrDefault("colour", "green")),
                    PassCommand.kind(kv.getOrDefault("kind", "resident")), "", Duration.ofMinutes(10)), clock.instant())), kv);
            case "code" -> present(nonBlank(rest.toString(), "code needs the TEXT"), kv);
            case "assist" -> {
                BenchGate g = gateHere();
                Visit v = visit(Optional.empty(), kv);
                yield show(new Presenter(g, devices.thermometer().orElseThrow(() -> new IllegalArgumentException(
                        "the thermometer is not simulated")), devices.scanners())
                        .assist(kv.getOrDefault("volunteer", "vol-1"), nonBlank(rest.toString(), "assist needs SUBJECT"), v));
            }
            case "mode" -> {
                gateHere().control().setMode("bench", GateMode.valueOf(rest.toString().toUpperCase(Locale.ROOT)));
                yield "mode " + rest;
            }
            case "open" -> {
                gateHere().control().manualOpen("bench", nonBlank(rest.toString(), "open needs a REASON"));
                yield "opened by hand";
            }
            case "exit-button" -> {
                if (!input(GateInput.Kind.EXIT_REQUEST, true)) {
                    yield "no exit button in the config";
                }
                // Held well past the debounce time, as a finger would; the gate filters shorter pulses.
                timers.schedule(PRESS, () -> input(GateInput.Kind.EXIT_REQUEST, false));
                yield "exit button pressed (released after " + PRESS.toMillis() + " ms)";
            }
            case "door" -> {
                boolean open = rest.toString().equals("open");
                yield input(GateInput.Kind.DOOR_OPEN, open) ? "door " + (open ? "open" : "closed") : "no door contact in the config";
            }
            case "pause" -> {
                // For scripts against a gate in another process: the prompt cannot see its decisions.
                Duration d = org.gridgate.sim.Args.duration(nonBlank(rest.toString(), "pause needs a time, e.g. 2s"));
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
                timers.schedule(d, done::countDown);
                done.await();
                yield "paused " + rest;
            }
            case "help" -> HELP.stripTrailing();
            default -> throw new IllegalArgumentException("unknown '" + w[0] + "'; type help");
        };
    }

    private String present(String code, Map<String, String> kv) throws IOException, InterruptedException {
        Visit v = visit(Optional.of(code), kv);
        if (gate.isPresent()) {
            return show(new Presenter(gate.get(), devices.thermometer().orElseThrow(() -> new IllegalArgumentException(
                    "the thermometer is not simulated: use --with-gate with a simulated thermometer")),
                    devices.scanners()).present(v));
        }
        devices.thermometer().ifPresent(t -> t.present(v.skinC(), v.ambientC()));
        boolean maskSent = devices.mask(v.mask());
        SimulatedScanner s = devices.scanners().get(v.direction());
        if (s == null || !s.scan(code)) {
            return "no simulated " + v.direction().name().toLowerCase(Locale.ROOT) + " scanner: scan the code with the real one";
        }
        return "sent " + code.length() + " characters" + (maskSent ? ", mask " + (v.mask() ? "on" : "off")
                + " on the mask line" : v.mask() ? "" : " (mask: drive it on the gate)")
                + "; the decision shows on the gate and in `sim server`";
    }

    private static String show(Decision d) {
        String temp = d.temperature().map(t -> String.format(Locale.ROOT, " %.1f °C", t.bodyC())).orElse("");
        if (d.granted()) {
            return "GRANTED" + temp;
        }
        return "DENIED" + temp + ": " + d.checks().stream().filter(c -> !c.passed())
                .map(c -> c.reason().code() + " (" + c.reason().en() + ")").collect(Collectors.joining(", "));
    }

    private Visit visit(Optional<String> code, Map<String, String> kv) {
        try {
            return new Visit(code, Double.parseDouble(kv.getOrDefault("skin", "36.5")),
                    Double.parseDouble(kv.getOrDefault("ambient", "22")),
                    !kv.getOrDefault("mask", "yes").matches("no|false|0"),
                    Direction.valueOf(kv.getOrDefault("dir", "entry").toUpperCase(Locale.ROOT)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("skin and ambient are numbers in °C");
        }
    }

    private boolean input(GateInput.Kind kind, boolean asserted) {
        return gateHere().input(kind, asserted);
    }

    private BenchGate gateHere() {
        return gate.orElseThrow(() -> new IllegalArgumentException(
                "the gate runs in another process: start `sim devices --with-gate` to drive GPIO and controls"));
    }

    private static String required(Map<String, String> kv, String key) {
        return nonBlank(kv.getOrDefault(key, ""), key + "= is required");
    }

    private static String nonBlank(String s, String message) {
        if (s.isBlank()) {
            throw new IllegalArgumentException(message);
        }
        return s;
    }
}
