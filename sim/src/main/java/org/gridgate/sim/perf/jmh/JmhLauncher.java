package org.gridgate.sim.perf.jmh;

import java.io.PrintStream;
import java.util.List;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code perf --jmh [JMH options]}: JMH's own command line over the benchmarks in this package
 * (RulesBench, HcertVerifyBench, ThermometerFrameBench, ScannerLineBench), run from the shaded jar.
 * Forks re-run the same jar. E.g. {@code perf --jmh -f 1 -wi 3 -i 5 -w 1s -r 1s}; {@code -l} lists,
 * {@code -h} explains the options. Returns 0, 1 when the run failed, 64 on bad options.
 */
public final class JmhLauncher {
    private JmhLauncher() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            err.println("perf --jmh: " + e.getMessage());
            return 64;
        }
        try {
            Runner runner = new Runner(options, OutputFormatFactory.createFormatInstance(out,
                    options.verbosity().orElse(Defaults.VERBOSITY)));
            if (options.shouldHelp()) {
                options.showHelp(); // JMH prints its help on System.out
            } else if (options.shouldList()) {
                runner.list();
            } else if (options.shouldListWithParams()) {
                runner.listWithParams(options);
            } else if (options.shouldListProfilers()) {
                options.listProfilers();
            } else if (options.shouldListResultFormats()) {
                options.listResultFormats();
            } else {
                runner.run();
            }
            return 0;
        } catch (NoBenchmarksException e) {
            err.println("perf --jmh: no benchmark matches " + args);
            return 1;
        } catch (RunnerException | java.io.IOException e) {
            err.println("perf --jmh: " + e.getMessage());
            return 1;
        }
    }
}
