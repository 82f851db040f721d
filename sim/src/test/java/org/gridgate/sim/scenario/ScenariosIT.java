package org.gridgate.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped scenario runs green against the real daemon; a wrong expectation is caught. */
class ScenariosIT {
    static Stream<Path> scenarios() throws Exception {
        List<Path> files = ScenarioCommand.files(Path.of("scenarios"));
        assertTrue(files.size() >= 5, "at least five scenarios under sim/scenarios: " + files);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void shippedScenarioPasses(Path file, @TempDir Path state) throws Exception {
        ScenarioRunner.Report r = ScenarioRunner.run(ScenarioFile.load(file), state, Clock.systemUTC(),
                new PrintStream(OutputStreamHolder.NULL));
        assertTrue(r.passed(), r.text());
        assertTrue(r.checks() > r.steps() / 2, "a scenario that checks little proves little: " + r.text());
    }

    @Test
    void aWrongExpectationFailsWithAReadableDiffAndTheRunnerExitsNonZero(@TempDir Path state) throws Exception {
        Scenario s = ScenarioFile.parse("wrong.yaml", """
                name: deliberately wrong
                roster:
                  - { subject: R-0001 }
                steps:
                  - present: { subject: R-0001, skin: 38.2 }
                    expect: { decision: granted, reasons: [], alarm: none }
                  - present: { subject: R-0001, colour: yellow }
                    expect: { decision: denied, reasons: [code_red] }
                """);
        ScenarioRunner.Report r = ScenarioRunner.run(s, state, Clock.systemUTC(), new PrintStream(OutputStreamHolder.NULL));

        assertFalse(r.passed());
        assertEquals(List.of(
                "step 1 present R-0001 green: decision: expected granted, got denied [fever]",
                "step 1 present R-0001 green: reasons: expected [], got [fever]",
                "step 1 present R-0001 green: alarm: expected none, got [fever]",
                "step 2 present R-0001 yellow: reasons: expected [code_red], got [code_yellow]"),
                r.mismatches().stream().map(ScenarioRunner.Mismatch::line).toList());
        assertTrue(r.text().contains("4 of "), r.text());
    }

    @Test
    void commandExitsNonZeroOnMismatchAndZeroWhenAllHold(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(bad, """
                roster: [ { subject: R-0001 } ]
                steps:
                  - present: { subject: R-0001, mask: false }
                    expect: { decision: granted }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = ScenarioCommand.run(List.of(bad.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(OutputStreamHolder.NULL));
        assertEquals(1, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("decision: expected granted, got denied [no_mask]"),
                out.toString(StandardCharsets.UTF_8));
    }

    static final class OutputStreamHolder {
        static final java.io.OutputStream NULL = java.io.OutputStream.nullOutputStream();
    }
}
