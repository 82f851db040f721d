package org.gridgate.sim.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.gridgate.system.logging.Logging;

/**
 * {@code chaos --kills K [--seed S] [--state DIR]}, and the hidden {@code chaos child --state DIR
 * --broker URI --seed S [--idle] [--key FILE]} the run starts as its gate process.
 */
public final class ChaosCommand {
    private ChaosCommand() {}

    /** {@code powercut --cuts N [--seed S] [--work DIR] [--lazyfs BIN]}: see {@link PowerCut}. */
    public static int powerCut(List<String> args, PrintStream out, PrintStream err) {
        int cuts = -1;
        long seed = System.nanoTime();
        Path work = null;
        Path lazyfs = defaultLazyFs();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--cuts" -> cuts = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    case "--work" -> work = Path.of(args.get(++i));
                    case "--lazyfs" -> lazyfs = Path.of(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            if (cuts < 1) {
                throw new IllegalArgumentException("--cuts must be 1 or more");
            }
            if (!java.nio.file.Files.isExecutable(lazyfs)) {
                throw new IllegalArgumentException("no LazyFS binary at " + lazyfs
                        + ": build it with ../shared/tools/lazyfs/build.sh and pass --lazyfs");
            }
        } catch (RuntimeException e) {
            err.println("gridgate-sim powercut: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()));
            return 64;
        }
        try {
            Logging.setup(Level.SEVERE);
            java.util.logging.Logger.getLogger("io.moquette").setLevel(Level.OFF);
            java.util.logging.Logger.getLogger("io.netty").setLevel(Level.OFF);
            out.println("powercut: seed " + seed);
            PowerCut.Result r = PowerCut.run(new PowerCut.Options(cuts, seed, work, lazyfs), out);
            out.println(r.line());
            return r.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println("gridgate-sim powercut: " + e);
            return 1;
        }
    }

    /** {@code $GRIDGATE_LAZYFS}, else where build.sh puts it. */
    public static Path defaultLazyFs() {
        String env = System.getenv("GRIDGATE_LAZYFS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("lazyfs/lazyfs/build/lazyfs");
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean child = !args.isEmpty() && args.get(0).equals("child");
        int kills = -1;
        long seed = System.nanoTime();
        Path state = null;
        String broker = null;
        boolean idle = false;
        Path key = null;
        try {
            for (int i = child ? 1 : 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--kills" -> kills = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    case "--state" -> state = Path.of(args.get(++i));
                    case "--broker" -> broker = args.get(++i);
                    case "--idle" -> idle = true;
                    case "--key" -> key = Path.of(args.get(++i));
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
                GateChild.run(state, broker, seed, !idle, key);
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
