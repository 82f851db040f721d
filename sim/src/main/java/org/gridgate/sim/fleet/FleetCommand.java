package org.gridgate.sim.fleet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gridgate.sim.Args;

/** {@code sim fleet --gates N [--minutes M] [--rate R] [--brokers URI,... --nats URL,...] [--consumers C] [--dir D]}. */
public final class FleetCommand {
    private FleetCommand() {}

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        Fleet.Options o;
        try {
            Args a = Args.parse(argv, Set.of("--gates", "--minutes", "--seconds", "--rate", "--brokers", "--nats",
                    "--consumers", "--dir", "--seed"), Set.of());
            int gates = Integer.parseInt(a.require("--gates"));
            if (gates < 1 || gates > 20_000) {
                throw new IllegalArgumentException("--gates must be 1..20000");
            }
            Duration d = a.get("--minutes").isPresent()
                    ? Duration.ofSeconds(Math.round(Double.parseDouble(a.require("--minutes")) * 60))
                    : Duration.ofSeconds(Long.parseLong(a.get("--seconds", "60")));
            if (d.toSeconds() < 20) {
                throw new IllegalArgumentException("the run must last at least 20 s (a kill and a restart fit in it)");
            }
            double rate = Double.parseDouble(a.get("--rate", "0.1"));
            List<String> brokers = a.get("--brokers").map(s -> Arrays.asList(s.split(","))).orElse(List.of());
            List<String> nats = a.get("--nats").map(s -> Arrays.asList(s.split(","))).orElse(List.of());
            if (brokers.isEmpty() != nats.isEmpty()) {
                throw new IllegalArgumentException("--brokers (MQTT URIs) and --nats (NATS URLs of the same cluster)"
                        + " go together");
            }
            for (String b : brokers) {
                if (!b.matches("tcp://[^\\s/]+:\\d{1,5}")) {
                    throw new IllegalArgumentException("'" + b + "' is not an MQTT URI tcp://host:port");
                }
            }
            int consumers = Integer.parseInt(a.get("--consumers", "2"));
            if (consumers < 1) {
                throw new IllegalArgumentException("--consumers must be 1 or more");
            }
            o = new Fleet.Options(gates, d, rate, brokers, nats, a.get("--dir").map(Path::of).orElse(null), consumers,
                    Long.parseLong(a.get("--seed", "1")));
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim fleet: " + e.getMessage());
            return 64;
        }
        try {
            FleetResult r = Fleet.run(o, out);
            r.problems().forEach(p -> out.println("problem: " + p));
            out.println(r.line());
            return r.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println("gridgate-sim fleet: " + e.getMessage());
            return 1;
        }
    }
}
