package org.gridgate.sim.chaos;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.gridgate.system.logging.Logging;

/** {@code chaos --kills K [--seed S] [--state DIR]}; its gate process is {@link org.gridgate.sim.rig.GateChild}. */
public final class ChaosCommand {
    private static final List<java.util.logging.Logger> QUIET = List.of(
            java.util.logging.Logger.getLogger("io.moquette"), java.util.logging.Logger.getLogger("io.netty"));

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
            QUIET.forEach(l -> l.setLevel(Level.OFF));
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
        int kills = -1;
        long seed = System.nanoTime();
        Path state = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--kills" -> kills = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    case "--state" -> state = Path.of(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            if (kills < 1) {
                throw new IllegalArgumentException("--kills must be 1 or more");
            }
        } catch (RuntimeException e) {
            err.println("gridgate-sim chaos: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()));
            return 64;
        }
        try {
            Logging.setup(Level.SEVERE);
            // Every kill makes the embedded broker log a reset connection: expected here. (Held in
            // fields: java.util.logging keeps loggers weakly, and a collected one forgets its level.)
            QUIET.forEach(l -> l.setLevel(Level.OFF));
            Chaos.Result r = Chaos.run(new Chaos.Options(kills, seed, state), out);
            out.println(r.line());
            return r.ok() ? 0 : 1;
        } catch (Exception e) {
            err.println("gridgate-sim chaos: " + e);
            return 1;
        }
    }
}
