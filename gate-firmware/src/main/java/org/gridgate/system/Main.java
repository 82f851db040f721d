package org.gridgate.system;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.gridgate.config.ConfigException;
import org.gridgate.config.ConfigLoader;
import org.gridgate.config.ConfigProblem;
import org.gridgate.config.GateConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.credential.conformance.ConformanceRunner;
import org.gridgate.system.logging.Logging;
import org.gridgate.system.probe.Probe;
import org.gridgate.system.notify.SystemdNotifier;
import org.gridgate.system.notify.WatchdogPetter;

/** The gate's command line. Exit codes follow sysexits (78 = bad config). */
public final class Main {
    static final String USAGE = """
            usage: java -jar gridgate-gate.jar <command>
              run --config FILE      run the gate daemon
              config check FILE      validate a config file; exit 78 and list problems if invalid
              probe --config FILE [--outputs] [--timeout S] [--emissivity E]
                                     list device nodes, test each configured device (69 if one fails)
              conformance DIR        verify EU DCC conformance vectors (dgc-testdata format) under DIR
              console hash-pin       read a volunteer PIN from stdin, print its hash for console.volunteers
              version                print the version
            """;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.isEmpty() || a.contains("--help") || a.contains("-h") || a.get(0).equals("help")) {
            out.print(USAGE);
            return a.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
        }
        return switch (a.get(0)) {
            case "run" -> runDaemon(a.subList(1, a.size()), err);
            case "config" -> a.size() == 3 && a.get(1).equals("check") ? configCheck(Path.of(a.get(2)), out, err)
                    : usage(err, "config check needs exactly one FILE");
            case "probe" -> Probe.run(a.subList(1, a.size()), out, err);
            case "conformance" -> a.size() == 2 ? ConformanceRunner.run(Path.of(a.get(1)), out)
                    : usage(err, "conformance needs exactly one DIR");
            case "console" -> a.size() == 2 && a.get(1).equals("hash-pin")
                    ? org.gridgate.console.PinHash.cli(System.in, out, err)
                    : usage(err, "console hash-pin takes no arguments: the PIN comes on stdin");
            case "version" -> {
                out.println("gridgate-gate " + version());
                yield ExitCodes.OK;
            }
            default -> usage(err, "unknown command '" + a.get(0) + "'");
        };
    }

    static String version() {
        return BuildInfo.version();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("gridgate: " + problem);
        err.print(USAGE);
        return ExitCodes.USAGE;
    }

    static int configCheck(Path file, PrintStream out, PrintStream err) {
        try {
            GateConfig c = ConfigLoader.load(file);
            out.println(file + ": ok (gate " + c.gate().id() + ", community " + c.gate().community() + ")");
            return ExitCodes.OK;
        } catch (ConfigException e) {
            for (ConfigProblem p : e.problems()) {
                err.println(p);
            }
            return ExitCodes.CONFIG;
        }
    }

    private static int runDaemon(List<String> args, PrintStream err) {
        if (args.size() != 2 || !args.get(0).equals("--config")) {
            return usage(err, "run needs --config FILE");
        }
        Logging.setup(Level.INFO);
        GateConfig config;
        try {
            config = ConfigLoader.load(Path.of(args.get(1)));
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return ExitCodes.CONFIG;
        }
        if (config.thermometer().transport() == Transport.SIMULATED
                || config.scanners().stream().map(ScannerConfig::transport).anyMatch(t -> t == Transport.SIMULATED)) {
            err.println(args.get(1) + ": devices with transport 'simulated' are played by the simulator: "
                    + "run `java -jar gridgate-sim.jar demo`, or `sim devices` and point the ports at its pseudo-terminals");
            return ExitCodes.CONFIG;
        }
        ServiceManager service = SystemdNotifier.fromEnvironment();
        GateApp app;
        try {
            app = GateApp.start(config, Hardware.real(), Clock.systemUTC(), service);
        } catch (StartupException e) {
            err.println("gridgate: " + e.getMessage());
            return e.exitCode();
        }
        WatchdogPetter.intervalFromEnvironment().ifPresent(app::startWatchdog);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
