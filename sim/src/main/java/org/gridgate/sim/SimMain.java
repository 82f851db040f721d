package org.gridgate.sim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.time.Clock;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.devices.DevicesCommand;
import org.gridgate.sim.pass.PassCommand;
import org.gridgate.sim.provision.ProvisionCommand;
import org.gridgate.sim.scenario.ScenarioCommand;
import org.gridgate.sim.server.ServerCommand;
import org.gridgate.system.logging.Logging;

/** The technician's bench: {@code java -jar gridgate-sim.jar <command>}. */
public final class SimMain {
    static final String USAGE = """
            usage: java -jar gridgate-sim.jar <command>   (<command> --help for one command)
              demo [--passages N] [--seed S] [--state DIR]
                  run the gate with simulated devices, an embedded broker and a community-server
                  stand-in; one line per passage; with --passages it stops after N and prints
                  "demo: N passages, G granted, D denied, J journaled, P published"
              chaos --kills K [--seed S] [--state DIR]
                  crash test: runs the gate as a child process, SIGKILLs it K times while passages
                  stream, then checks journal and subscriber; ends with
                  "chaos: K kills, N decisions, L lost, D duplicated" (exit 0 only if L = D = 0)
              powercut --cuts N [--seed S] [--work DIR] [--lazyfs BIN]
                  power-cut test (root, /dev/fuse, LazyFS: ../shared/tools/lazyfs/build.sh): the gate's
                  state folder on LazyFS, N cuts (every 4th a torn WAL write), audit after each; ends with
                  "powercut: N cuts (T torn writes, F fired), D decisions, L lost, B torn files, X duplicated"
              scenario FILE|DIR...
                  play scripted scenarios against the real daemon; exit 1 with a diff on any mismatch
              pass --subject S [--colour green|yellow|red] [--kind resident|visitor|staff] [--valid 10m]
                   [--unit U] [--key FILE] [--out pass.png] [--size PX] [--prefix GG1:]
                  issue a community health pass: text on stdout, QR code as PNG
              server [--port P | --broker URI] [--community C] [--root R] [--key FILE] [--roster FILE]
                  community-server stand-in: embedded broker, live table, resend requests, roster
              fleet --gates N [--minutes M] [--rate R] [--brokers URI,... --nats URL,...] [--consumers C] [--dir D]
                  N gates' uplinks (own journal, own persistent session) against a 3-node NATS cluster it
                  starts (or an existing one), R passages per gate per second (default 0.1), 60 s by
                  default; kills and restarts a broker node and a server worker; ends with
                  "fleet: G gates, R records, D delivered, L lost, U duplicated, failover p99 X s"
              consume --nats URL,... --db FILE [--name N] [--root R]
                  one community-server worker: JetStream records into a shared SQLite store, dedup by id
              devices --config FILE [--simulate ID,...] [--dir DIR] [--with-gate] [--key FILE]
                  virtual serial devices on pseudo-terminals (socat) and a prompt to present people
              voice render --out DIR [--overwrite] | voice tour --clips DIR --out FILE.wav [--language zh|en|both]
                  make the voice clips with espeak-ng; play every prompt in order into one WAV file
              camera --out DIR [--subjects R-0001,R-0002] [--looks clean,rotated,glare,...] [--seconds 2]
                     [--fps 15] [--valid 10m] [--loop] [--key FILE] [--direction entry|exit]
                  virtual camera: films residents showing passes (ffmpeg, MJPEG like a webcam) and
                  prints the camera scanner config that plays the film to the gate
              provision --out DIR [--gate-id ID] [--community C] [--broker URI] [--template pi-kit|sim]
                        [--community-key FILE] [--force]
                  write a device config, key pair, CSR and self-signed certificate; validate them
              perf [--quick] [--strict] [--out DIR] [--seed S] [--only SUITE,...]
                  the performance benchmarks: measure the targets of docs/performance.md, one
                  "name value unit" line per figure, then each target met or missed and a line
                  "perf: M met, X missed"; perf.csv, perf.json and plots in DIR (default perf-out);
                  --quick for CI; --strict exits 2 when a target is missed
              perf --table [--from DIR] [--doc FILE]
                  write the figures table of docs/performance.md from DIR/perf.json
              perf --jmh [JMH options]
                  JMH microbenchmarks of the inner loops (rules, HCERT verify, frame and line
                  parsers), e.g. perf --jmh -f 1 -wi 3 -i 5 -w 1s -r 1s
            """;

    private SimMain() {}

    public static void main(String[] args) {
        // The embedded broker's Netty would use sun.misc.Unsafe, which JDK 24+ warns about on every start.
        System.setProperty("io.netty.noUnsafe", "true");
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> a = Arrays.asList(args);
        if (a.isEmpty() || a.get(0).equals("--help") || a.get(0).equals("-h")) {
            out.print(USAGE);
            return a.isEmpty() ? 64 : 0;
        }
        if (a.get(0).equals("help") || a.contains("--help") || a.contains("-h")) {
            String command = a.get(0).equals("help") ? (a.size() > 1 ? a.get(1) : "") : a.get(0);
            out.print(SimHelp.COMMANDS.getOrDefault(command, USAGE));
            return 0;
        }
        return switch (a.get(0)) {
            case "demo" -> demo(a.subList(1, a.size()), out, err);
            case "chaos" -> org.gridgate.sim.chaos.ChaosCommand.run(a.subList(1, a.size()), out, err);
            case "powercut" -> org.gridgate.sim.chaos.ChaosCommand.powerCut(a.subList(1, a.size()), out, err);
            case "scenario" -> {
                Logging.setup(Level.WARNING);
                yield ScenarioCommand.run(a.subList(1, a.size()), out, err);
            }
            case "pass" -> PassCommand.run(a.subList(1, a.size()), Clock.systemUTC(), out, err);
            case "server" -> {
                Logging.setup(Level.WARNING);
                yield ServerCommand.run(a.subList(1, a.size()), System.in, out, err);
            }
            case "devices" -> {
                Logging.setup(Level.WARNING);
                yield DevicesCommand.run(a.subList(1, a.size()), System.in, out, err);
            }
            case "perf" -> {
                Logging.setup(Level.WARNING);
                yield org.gridgate.sim.perf.PerfCommand.run(a.subList(1, a.size()), out, err);
            }
            case "bench" -> {
                err.println("gridgate-sim: the benchmarks are 'perf' now (perf --quick, perf --jmh);"
                        + " the bench is the whole of gridgate-sim, see --help");
                yield 64;
            }
            case "voice" -> org.gridgate.resident.voice.VoiceCommand.run(a.subList(1, a.size()), out, err);
            case "camera" -> org.gridgate.sim.devices.camera.CameraCommand.run(a.subList(1, a.size()), Clock.systemUTC(), out, err);
            case "fleet" -> {
                Logging.setup(Boolean.getBoolean("gridgate.fleet.verbose") ? Level.INFO : Level.WARNING);
                yield org.gridgate.sim.fleet.FleetCommand.run(a.subList(1, a.size()), out, err);
            }
            case "consume" -> {
                Logging.setup(Level.WARNING);
                yield org.gridgate.sim.server.jetstream.ConsumeCommand.run(a.subList(1, a.size()), out, err);
            }
            case "provision" -> ProvisionCommand.run(a.subList(1, a.size()), System.in, out, err);
            default -> {
                err.println("gridgate-sim: unknown command '" + a.get(0) + "'");
                err.print(USAGE);
                yield 64;
            }
        };
    }

    private static int demo(List<String> args, PrintStream out, PrintStream err) {
        int passages = 0;
        long seed = System.nanoTime();
        Path state = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--passages" -> passages = Integer.parseInt(args.get(++i));
                    case "--seed" -> seed = Long.parseLong(args.get(++i));
                    case "--state" -> state = Path.of(args.get(++i));
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
            if (passages < 0) {
                throw new IllegalArgumentException("--passages must be 0 or more");
            }
        } catch (RuntimeException e) {
            err.println("gridgate-sim demo: " + (e instanceof IndexOutOfBoundsException ? "an option needs a value"
                    : e.getMessage()));
            return 64;
        }
        Logging.setup(Level.WARNING);
        try {
            Demo.Result r = Demo.run(new Demo.Options(passages, seed, state), out);
            out.println(r.line());
            return r.complete() ? 0 : 1;
        } catch (Exception e) {
            err.println("gridgate-sim demo: " + e.getMessage());
            return 1;
        }
    }
}
