package org.gridgate.sim;

import java.util.Map;
import org.gridgate.sim.provision.ProvisionCommand;

/** Each {@code sim} command's own help, shown by {@code <command> --help} (or {@code help <command>}). */
final class SimHelp {
    private SimHelp() {}

    static final Map<String, String> COMMANDS = Map.of(
            "demo", """
                    usage: java -jar gridgate-sim.jar demo [--passages N] [--seed S] [--state DIR]
                      The whole gate with simulated devices, an embedded broker and a community-server stand-in,
                      one line per passage and the volunteer console (its address is printed). With --passages it
                      stops after N and prints "demo: N passages, G granted, D denied, J journaled, P published".
                    """,
            "chaos", """
                    usage: java -jar gridgate-sim.jar chaos --kills K [--seed S] [--state DIR]
                      Crash test: runs the gate as a child process and SIGKILLs it K times while passages stream,
                      then checks journal and subscriber: "chaos: K kills, N decisions, L lost, D duplicated"
                      (exit 0 only if L = D = 0).
                    """,
            "scenario", """
                    usage: java -jar gridgate-sim.jar scenario FILE|DIR...
                      Plays scripted scenarios (YAML, docs/technician.md section 5) against the real daemon;
                      one line per scenario, exit 1 with a diff on any mismatch, 65 for a bad scenario file.
                    """,
            "pass", """
                    usage: java -jar gridgate-sim.jar pass --subject S [--colour green|yellow|red]
                             [--kind resident|visitor|staff] [--valid 10m] [--unit U] [--key FILE]
                             [--out pass.png] [--size PX] [--prefix GG1:]
                      Issues a community health pass signed with the community key (--key, created on first use):
                      the text a scanner reads on stdout, the QR code as a PNG.
                    """,
            "server", """
                    usage: java -jar gridgate-sim.jar server [--port P | --broker URI] [--community C] [--root R]
                             [--key FILE] [--roster FILE]
                      Community-server stand-in: an embedded broker on 127.0.0.1:P (or a real broker), publishes the
                      signed roster, prints one line per record and a table per gate, asks gates to resend gaps.
                      Prints the trustAnchors/rootKeys entries a gate needs. Type table or quit.
                    """,
            "devices", """
                    usage: java -jar gridgate-sim.jar devices --config FILE [--with-gate] [--key FILE]
                             [--simulate ID,...] [--dir DIR] [--socat PATH]
                      Virtual serial devices on socat pseudo-terminals (in a folder of this run's own, or --dir)
                      and a prompt to present people. With --with-gate the real daemon runs here on those
                      devices with mock GPIO: it waits for the roster and prints the console's address.
                      Type help at the prompt.
                    """,
            "provision", ProvisionCommand.HELP,
            "bench", """
                    usage: java -jar gridgate-sim.jar bench [--quick] [--out DIR] [--seed S] [--only SUITE,...]
                           java -jar gridgate-sim.jar bench --jmh [JMH options]
                      Measures a terminal against the targets in docs/performance.md: one "name value unit" line
                      per figure (a progress line while each suite runs), bench.csv, bench.json and plots in DIR
                      (default bench-out). --quick runs every figure once (about 2 minutes).
                    """);
}
