package org.gridgate.sim.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code sim scenario FILE|DIR...}: plays each scenario against a fresh gate (own journal, broker
 * and server) and prints its report. Exit 0 when every expectation held, 1 on any mismatch, 65 for
 * a scenario file that cannot be read.
 */
public final class ScenarioCommand {
    private ScenarioCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("gridgate-sim scenario: needs at least one FILE or DIR");
            return 64;
        }
        List<Path> files = new ArrayList<>();
        try {
            for (String a : args) {
                files.addAll(files(Path.of(a)));
            }
        } catch (IOException e) {
            err.println("gridgate-sim scenario: " + e.getMessage());
            return 66;
        }
        int failed = 0;
        for (Path f : files) {
            try {
                Scenario s = ScenarioFile.load(f);
                Path state = Files.createTempDirectory("gridgate-scenario");
                ScenarioRunner.Report r = ScenarioRunner.run(s, state, Clock.systemUTC(), out);
                out.print(f.getFileName() + ": " + r.text());
                if (!r.passed()) {
                    failed++;
                }
            } catch (ScenarioFile.Invalid e) {
                err.println(e.getMessage());
                return 65;
            } catch (Exception e) {
                err.println(f + ": scenario aborted: " + e.getMessage());
                failed++;
            }
        }
        if (files.size() > 1) {
            out.println(files.size() - failed + " of " + files.size() + " scenarios passed");
        }
        return failed == 0 ? 0 : 1;
    }

    /** The scenario files under {@code p} (*.yaml, sorted), or {@code p} itself. */
    public static List<Path> files(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            if (!Files.isRegularFile(p)) {
                throw new IOException(p + ": no such file");
            }
            return List.of(p);
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }
}
