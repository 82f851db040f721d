package org.gridgate.sim;

import java.util.Map;
import org.gridgate.sim.provision.ProvisionCommand;

/** Each {@code sim} command's own help, shown by {@code <command> --help} (or {@code help <command>}). */
final class SimHelp {
    private SimHelp() {}

    static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("demo", """
                    usage: java -jar gridgate-sim.jar demo [--passages N] [--seed S] [--state DIR]
                      The whole gate with simulated devices, an embedded broker and a community-server stand-in,
                      one line per passage and the volunteer console (its address is printed). With --passages it
                      stops after N and prints "demo: N passages, G granted, D denied, J journaled, P published".
                    """),
            Map.entry("chaos", """
                    usage: java -jar gridgate-sim.jar chaos --kills K [--seed S] [--state DIR]
                      Crash test: runs the gate as a child process and SIGKILLs it K times while passages stream,
                      then checks journal and subscriber: "chaos: K kills, N decisions, L lost, D duplicated"
                      (exit 0 only if L = D = 0).
                    """),
            Map.entry("scenario", """
                    usage: java -jar gridgate-sim.jar scenario FILE|DIR...
                      Plays scripted scenarios (YAML, docs/technician.md section 5) against the real daemon;
                      one line per scenario, exit 1 with a diff on any mismatch, 65 for a bad scenario file.
                    """),
            Map.entry("pass", """
                    usage: java -jar gridgate-sim.jar pass --subject S [--colour green|yellow|red]
                             [--kind resident|visitor|staff] [--valid 10m] [--unit U] [--key FILE]
                             [--out pass.png] [--size PX] [--prefix GG1:]
                      Issues a community health pass signed with the community key (--key, created on first use):
                      the text a scanner reads on stdout, the QR code as a PNG.
                    """),
            Map.entry("server", """
                    usage: java -jar gridgate-sim.jar server [--port P | --broker URI] [--community C] [--root R]
                             [--key FILE] [--roster FILE]
                      Community-server stand-in: an embedded broker on 127.0.0.1:P (or a real broker), publishes the
                      signed roster, prints one line per record and a table per gate, asks gates to resend gaps.
                      Prints the trustAnchors/rootKeys entries a gate needs. Type table or quit.
                    """),
            Map.entry("devices", """
                    usage: java -jar gridgate-sim.jar devices --config FILE [--with-gate] [--key FILE]
                             [--simulate ID,...] [--dir DIR] [--socat PATH]
                      Virtual serial devices on socat pseudo-terminals (in a folder of this run's own, or --dir)
                      and a prompt to present people. With --with-gate the real daemon runs here on those
                      devices with mock GPIO: it waits for the roster and prints the console's address.
                      Type help at the prompt.
                    """),
            Map.entry("provision", ProvisionCommand.HELP),
            Map.entry("perf", """
                    usage: java -jar gridgate-sim.jar perf [--quick] [--strict] [--out DIR] [--seed S] [--only SUITE,...]
                           java -jar gridgate-sim.jar perf --table [--from DIR] [--doc FILE]
                           java -jar gridgate-sim.jar perf --jmh [JMH options]
                      The performance benchmarks: one "name value unit" line per figure (a progress line on stderr
                      as each suite starts), then met or MISSED per target and "perf: M met, X missed"; perf.csv,
                      perf.json and plots in DIR (default perf-out). --quick runs every figure once; --strict exits
                      2 when a target is missed; --table writes docs/performance.md's table from a run.
                    """),
            Map.entry("powercut", """
                    usage: java -jar gridgate-sim.jar powercut --cuts N [--seed S] [--work DIR] [--lazyfs BIN]
                      Power-cut test (root, /dev/fuse, LazyFS from ../shared/tools/lazyfs/build.sh): the gate's state
                      folder on LazyFS, N cuts (every 4th a torn WAL write), the card audited after each; ends with
                      "powercut: N cuts (T torn writes, F fired), D decisions, L lost, B torn files, X duplicated".
                    """),
            Map.entry("fleet", """
                    usage: java -jar gridgate-sim.jar fleet --gates N [--minutes M] [--rate R] [--brokers URI,... --nats URL,...]
                                                            [--consumers C] [--dir D]
                      N gates' real uplinks against a 3-node NATS cluster it starts (or an existing one); kills and
                      restarts a broker node and a server worker; ends with
                      "fleet: G gates, R records, D delivered, L lost, U duplicated, failover p99 X s" (docs/server.md).
                    """),
            Map.entry("consume", """
                    usage: java -jar gridgate-sim.jar consume --nats URL,... --db FILE [--name N] [--root R]
                      One community-server worker: records from JetStream into a shared SQLite store, deduplicated
                      by record id, acknowledged after the commit (docs/server.md).
                    """),
            Map.entry("voice", """
                    usage: java -jar gridgate-sim.jar voice render --out DIR [--overwrite]
                           java -jar gridgate-sim.jar voice tour --clips DIR --out FILE.wav [--language zh|en|both]
                      Makes the resident voice clips with espeak-ng (community recordings already there are kept),
                      or plays every prompt in order into one WAV file to listen to (docs/resident.md).
                    """),
            Map.entry("camera", """
                    usage: java -jar gridgate-sim.jar camera --out DIR [--subjects R-0001,R-0002] [--looks clean,rotated,...]
                                                             [--seconds 2] [--fps 15] [--valid 10m] [--loop] [--key FILE]
                                                             [--direction entry|exit]
                      Virtual camera: films residents showing passes on phone-like frames (ffmpeg, MJPEG like a
                      webcam) and prints the camera scanner config that plays the film to the gate.
                    """));
}
