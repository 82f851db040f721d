package org.gridgate.sim.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridgate.passage.Decision;
import org.gridgate.passage.Reason;
import org.gridgate.sim.server.CommunityServer;

/**
 * Plays a scenario against the real daemon and compares every expectation with what happened:
 * the decision, its denial reason codes, the alarms raised during the step, and at the end (and at
 * every {@code delivered} step) that the server stand-in received every passage and alarm.
 */
public final class ScenarioRunner {
    /**
     * After a long outage both the gate's and the stand-in's MQTT clients may wait up to their
     * 60 s reconnect cap before trying again; delivery gets that, twice, and some slack.
     */
    static final Duration DELIVERY_TIMEOUT = org.gridgate.uplink.mqtt.UplinkTuning.DEFAULTS.maxRetry()
            .multipliedBy(2).plusSeconds(30);
    static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(10);

    /** One expectation that did not hold. */
    public record Mismatch(String step, String field, String expected, String actual) {
        public String line() {
            return step + ": " + field + ": expected " + expected + ", got " + actual;
        }
    }

    /** The result of one run. */
    public record Report(String name, int steps, int checks, long passages, long alarms, List<Mismatch> mismatches) {
        public boolean passed() {
            return mismatches.isEmpty();
        }

        /** A readable summary: one line when it passed, the diff otherwise. */
        public String text() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s: %s, %d steps, %d checks, %d passages, %d alarms%n", name,
                    passed() ? "ok" : mismatches.size() + " of " + checks + " checks FAILED", steps, checks, passages,
                    alarms));
            for (Mismatch m : mismatches) {
                b.append("  - ").append(m.line()).append(System.lineSeparator());
            }
            return b.toString();
        }
    }

    private final Scenario scenario;
    private final PrintStream progress;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private int checks;
    private long passages;
    private long alarms;

    private ScenarioRunner(Scenario scenario, PrintStream progress) {
        this.scenario = scenario;
        this.progress = progress;
    }

    /** Runs {@code s} with its journal under {@code state}; progress lines go to {@code progress}. */
    public static Report run(Scenario s, Path state, Clock clock, PrintStream progress) throws Exception {
        ScenarioRunner r = new ScenarioRunner(s, progress);
        try (Stage stage = Stage.start(s, state, clock)) {
            for (Scenario.Step step : s.steps()) {
                r.play(stage, step);
            }
            r.delivered(stage, "end of scenario");
        }
        return new Report(s.name(), s.steps().size(), r.checks, r.passages, r.alarms, List.copyOf(r.mismatches));
    }

    private void play(Stage stage, Scenario.Step step) throws Exception {
        switch (step) {
            case Scenario.Step.Present p -> {
                Progress bar = new Progress(p.times() >= Progress.MIN_TOTAL ? progress : PrintStreams.NULL,
                        System::nanoTime, step.label(), p.times());
                for (int i = 0; i < p.times(); i++) {
                    Decision d = stage.presenter().present(stage.visit(p.person()));
                    passages++;
                    check(step.label() + (p.times() > 1 ? " #" + (i + 1) : ""), p.expect(), Optional.of(d), stage);
                    bar.update(i + 1);
                }
                bar.finish(p.times());
            }
            case Scenario.Step.Assist a -> {
                Decision d = stage.presenter().assist(a.volunteer(), a.subject(), stage.visit(a.person()));
                passages++;
                check(step.label(), a.expect(), Optional.of(d), stage);
            }
            case Scenario.Step.Mode m -> {
                stage.gate().control().setMode("scenario", m.mode());
                check(step.label(), m.expect(), Optional.empty(), stage);
            }
            case Scenario.Step.Open o -> {
                stage.gate().control().manualOpen(o.actor(), o.reason());
                check(step.label(), o.expect(), Optional.empty(), stage);
            }
            case Scenario.Step.Unplug u -> {
                stage.hardware().unplug(stage.port(u.device()));
                device(stage, u.label(), u.device(), false);
                check(step.label(), u.expect(), Optional.empty(), stage);
            }
            case Scenario.Step.Replug r -> {
                stage.hardware().replug(stage.port(r.device()));
                device(stage, r.label(), r.device(), true);
                check(step.label(), r.expect(), Optional.empty(), stage);
            }
            case Scenario.Step.Broker b -> {
                if (b.up()) {
                    stage.brokerUp();
                } else {
                    stage.brokerDown();
                }
                check(step.label(), b.expect(), Optional.empty(), stage);
            }
            case Scenario.Step.Delivered d -> {
                check(step.label(), d.expect(), Optional.empty(), stage);
                delivered(stage, step.label());
            }
        }
    }

    private void device(Stage stage, String label, String device, boolean ok) throws InterruptedException {
        checks++;
        if (!stage.gate().awaitDevice(device, ok, DEVICE_TIMEOUT)) {
            mismatches.add(new Mismatch(label, "device " + device, ok ? "back online" : "reported offline",
                    "no such status within " + DEVICE_TIMEOUT.toSeconds() + " s"));
        }
    }

    private void check(String label, Scenario.Expect e, Optional<Decision> d, Stage stage) {
        List<String> raised = stage.gate().alarmsSoFar();
        alarms += raised.size();
        e.decision().ifPresent(want -> {
            checks++;
            String got = d.map(x -> x.outcome().name().toLowerCase(Locale.ROOT) + reasons(x)).orElse("no decision");
            if (d.isEmpty() || d.get().outcome() != want) {
                mismatches.add(new Mismatch(label, "decision", want.name().toLowerCase(Locale.ROOT), got));
            }
        });
        e.reasons().ifPresent(want -> {
            checks++;
            List<String> got = d.map(x -> x.denialReasons().stream().map(Reason::code).toList()).orElse(List.of());
            if (!got.equals(want)) {
                mismatches.add(new Mismatch(label, "reasons", want.toString(), got.toString()));
            }
        });
        e.alarm().ifPresent(want -> {
            checks++;
            boolean ok = want.equals("none") ? raised.isEmpty() : raised.contains(want);
            if (!ok) {
                mismatches.add(new Mismatch(label, "alarm", want, raised.isEmpty() ? "none" : raised.toString()));
            }
        });
    }

    private static String reasons(Decision d) {
        return d.granted() ? "" : " " + d.denialReasons().stream().map(Reason::code).toList();
    }

    /** Waits until the server has received as many passages and alarms as the gate produced. */
    private void delivered(Stage stage, String label) throws InterruptedException, IOException {
        stage.brokerUp(); // a scenario that ends with the broker down still has to deliver
        alarms += stage.gate().alarmsSoFar().size();
        CommunityServer server = stage.server();
        server.awaitUnique(passages, alarms, DELIVERY_TIMEOUT);
        checks += 2;
        if (server.unique("passage") != passages) {
            mismatches.add(new Mismatch(label, "passages delivered", Long.toString(passages),
                    server.unique("passage") + " (within " + DELIVERY_TIMEOUT.toSeconds() + " s)"));
        }
        if (server.unique("alarm") != alarms) {
            mismatches.add(new Mismatch(label, "alarms delivered", Long.toString(alarms),
                    server.unique("alarm") + " (within " + DELIVERY_TIMEOUT.toSeconds() + " s)"));
        }
    }
}
