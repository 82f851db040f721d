package org.gridgate.sim.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.gridgate.system.logging.Logging;

/**
 * {@code chaos --kills K [--seed S] [--state DIR]}, and the hidden {@code chaos child --state DIR
 * --broker URI --seed S [--idle]} the run starts as its gate process.
 */
public final class ChaosCommand {
    private ChaosCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean child = !args.isEmpty() && args.get(0).equals("child");
        int kills = -1;
        long seed = System.nanoTime();
        Path state = null;
        String broker = null;
        boolean idle = false;
        try {
            for (int i = child ? 1 : 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--kills" -> kills = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    case "--state" -> state = Path.of(args.get(++i));
                    case "--broker" -> broker = args.get(++i);
                    case "--idle" -> idle = true;
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            if (child && (state == null || broker == null)) {
                throw new IllegalArgumentException("child needs --state and --broker");
            }
            if (!child && kills < 1) {
                throw new IllegalArgumentException("--kills must be 1 or more");
            }
        } catch (RuntimeException e) {
            err.println("gridgate-sim chaos: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()));
            return 64;
        }
        try {
            if (child) {
                GateChild.run(state, broker, seed, !idle);
                return 0;
            }
            Logging.setup(Level.SEVERE);
            // Every kill makes the embedded broker log a reset connection: expected here.
            java.util.logging.Logger.getLogger("io.moquette").setLevel(Level.OFF);
            java.util.logging.Logger.getLogger("io.netty").setLevel(Level.OFF);
            Chaos.Result r = Chaos.run(new Chaos.Options(kills, seed, state), out);
            out.println(r.line());
            return r.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println("gridgate-sim chaos: " + e);
            return 1;
        }
    }
}
