package org.gridgate.system;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import org.gridgate.config.ConfigCheck;
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
            usage: java -jar gridgate-gate.jar <command>   (java -jar gridgate-gate.jar <command> --help for one)
              run --config FILE      run the gate daemon
              config check [--strict] FILE
                                     validate a config file; exit 78 and list problems if invalid
              probe --config FILE [--outputs] [--timeout S] [--emissivity E] [--no-inputs]
                                     list device nodes, test each configured device (69 if one fails)
              conformance DIR        verify EU DCC conformance vectors (dgc-testdata format) under DIR
              console hash-pin       read a volunteer PIN from stdin, print its hash for console.volunteers
              version                print the version
            """;

    /** Each command's own help, shown by {@code <command> --help}. */
    static final Map<String, String> HELP = Map.of(
            "run", """
                    usage: java -jar gridgate-gate.jar run --config FILE
                      Runs the gate daemon: devices, rules, journal, uplink and the volunteer console.
                      Logs one line per passage (time, direction, masked id, outcome, reason codes; never a
                      clear id or health status). Stops on SIGTERM with the lock in its safe state.
                      Exit 78 for a bad config (systemd then does not restart it), 69 for a missing device.
                    """,
            "config", """
                    usage: java -jar gridgate-gate.jar config check [--strict] FILE
                      Checks FILE as the daemon would load it, and that the gate can admit anybody: a root key
                      for the roster, a broker to get it from, at least one volunteer with a PIN. Every problem
                      is printed as FILE:LINE: field: message. A device node that is not there now is a
                      warning (it may be plugged in later); --strict makes it an error.
                      Exit 0 ok (warnings may be printed), 78 the config would not work.
                    """,
            "probe", """
                    usage: java -jar gridgate-gate.jar probe --config FILE [--outputs] [--timeout S]
                                                             [--emissivity E] [--no-inputs]
                      The technician's self-test on the terminal: lists the device nodes, then tests every
                      configured device through the gate's own adapters, printing what it waits for:
                      thermometer (a reading), each scanner (present a code within S seconds, default 10),
                      then the door contact, the exit button and the mask input (open/press each within S
                      seconds; --no-inputs skips them). --outputs also clicks the lock and sounds the buzzer
                      and lights. --emissivity E writes the MLX90614's emissivity. Exit 0 all OK, 69 a device
                      failed, 78 bad config. Stop the service first: the gate holds the devices.
                    """,
            "conformance", """
                    usage: java -jar gridgate-gate.jar conformance DIR
                      Verifies EU DCC conformance vectors (dgc-testdata layout) under DIR; exit 1 if one fails.
                    """,
            "console", """
                    usage: echo PIN | java -jar gridgate-gate.jar console hash-pin
                      Reads one PIN (4-32 digits) from stdin and prints the hash to put in
                      console.volunteers[].pin. The PIN itself never goes into the config.
                    """,
            "version", """
                    usage: java -jar gridgate-gate.jar version
                      Prints the version of this build.
                    """);

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.isEmpty() || a.get(0).equals("--help") || a.get(0).equals("-h")) {
            out.print(USAGE);
            return a.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
        }
        if (a.get(0).equals("help") || a.contains("--help") || a.contains("-h")) {
            String command = a.get(0).equals("help") ? (a.size() > 1 ? a.get(1) : "") : a.get(0);
            out.print(HELP.getOrDefault(command, USAGE));
            return ExitCodes.OK;
        }
        return switch (a.get(0)) {
            case "run" -> runDaemon(a.subList(1, a.size()), err);
            case "config" -> configCheck(a.subList(1, a.size()), out, err);
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

    static int configCheck(List<String> args, PrintStream out, PrintStream err) {
        boolean strict = args.contains("--strict");
        List<String> rest = args.stream().filter(x -> !x.equals("--strict")).toList();
        if (rest.size() != 2 || !rest.get(0).equals("check") || rest.get(1).startsWith("-")) {
            return usage(err, "config check needs exactly one FILE (and optionally --strict)");
        }
        return configCheck(Path.of(rest.get(1)), strict, out, err);
    }

    static int configCheck(Path file, boolean strict, PrintStream out, PrintStream err) {
        ConfigCheck.Result r = ConfigCheck.check(file, strict);
        r.errors().forEach(err::println);
        for (ConfigProblem w : r.warnings()) {
            err.println(new ConfigProblem(w.file(), w.line(), w.path(), "warning: " + w.message()));
        }
        if (!r.ok()) {
            err.println(file + ": " + r.errors().size() + " problem" + (r.errors().size() == 1 ? "" : "s")
                    + ": this config would not run a working gate");
            return ExitCodes.CONFIG;
        }
        GateConfig c = r.config().orElseThrow();
        int volunteers = c.console().map(v -> v.volunteers().size()).orElse(0);
        out.println(file + ": ok (gate " + c.gate().id() + ", community " + c.gate().community() + ", "
                + c.credentials().rootKeys().size() + " root key" + (c.credentials().rootKeys().size() == 1 ? "" : "s")
                + ", " + volunteers + " volunteer" + (volunteers == 1 ? "" : "s") + ", roster from "
                + c.mqtt().map(m -> String.join(" ", m.uris())).orElse("-") + ")");
        return ExitCodes.OK;
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
        for (String problem : ConfigCheck.admissionProblems(config)) {
            java.util.logging.Logger.getLogger(Main.class.getName()).warning(args.get(1) + ": " + problem);
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
