package org.gridgate.sim.perf.display;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.ResidentConfig;
import java.time.Instant;
import org.gridgate.journal.JournalEntry;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.resident.http.DisplayServer;
import org.gridgate.sim.demo.DemoGate;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.sim.perf.decision.Latencies;

/**
 * Decision to resident display painted: the demo's gate with the display page open in headless
 * Chromium (as the kiosk runs it, 800x480). Each passage's answer is timed from the moment the gate
 * loop had driven the lock to the page's next frame after rendering it (the page reports it). The
 * peer figure is the bare paint: the same page painting a view that involves no gate at all.
 */
public final class DisplaySuite implements PerfSuite {
    static final Duration STEP = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "display";
    }

    @Override
    public void run(PerfOptions o, PerfReport report) throws Exception {
        Optional<String> chromium = which("chromium").or(() -> which("chromium-browser"));
        if (chromium.isEmpty()) {
            report.failed(name(), "chromium is not installed (Debian package chromium)");
            return;
        }
        int passages = o.quick() ? 20 : 200;
        Path dir = o.scratch(name());
        try (DemoGate gate = DemoGate.start(dir.resolve("state"), o.seed(), c -> c.withResident(
                new ResidentConfig(Optional.of(new ResidentConfig.Display("127.0.0.1", 0, ResidentConfig.Language.BOTH,
                        Duration.ofSeconds(30))), Optional.empty(), Optional.empty())))) {
            DisplayServer display = gate.app().resident().display().orElseThrow();
            BlockingQueue<DisplayServer.Painted> painted = new LinkedBlockingQueue<>();
            display.onPainted(painted::add);
            BlockingQueue<Long> decisions = new LinkedBlockingQueue<>();
            gate.app().loop().addObserver(new GateObserver() {
                @Override
                public void decided(Decision d, JournalEntry e, String masked) {
                    decisions.add(e.seq());
                }
            });
            Process browser = new ProcessBuilder(List.of(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--user-data-dir=" + Files.createDirectories(dir.resolve("profile")), "--window-size=800,480",
                    display.url().toString())).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
                    .start();
            try {
                paintOf(painted, gate.app().resident().stream().current().seq(), Duration.ofSeconds(30));
                int warmUp = 8; // the first paint of each screen loads its glyphs: a kiosk has done that long before
                long[] nanos = new long[passages];
                for (int i = -warmUp; i < passages; i++) {
                    gate.present(i % 4 == 3 ? "NO_MASK" : "RESIDENT");
                    if (decisions.poll(STEP.toMillis(), TimeUnit.MILLISECONDS) == null) {
                        throw new IllegalStateException("no decision within " + STEP.toSeconds() + " s");
                    }
                    // The stream's view was made on the loop before any later observer ran: it is this decision's.
                    long seq = gate.app().resident().stream().current().seq();
                    long n = paintOf(painted, seq, STEP).latency().toNanos();
                    if (i >= 0) {
                        nanos[i] = n;
                    }
                    gate.leave();
                    gate.app().loop().snapshot();
                }
                Latencies l = Latencies.of(nanos);
                report.add("display_paint_p50_ms", l.percentileMs(50), "ms");
                report.add("display_paint_p99_ms", l.percentileMs(99), "ms");
                report.add("display_paint_max_ms", l.maxMs(), "ms");
                report.add("display_paint_passages", l.count(), "count");
                // The peer: the same page painting views handed straight to the server, no gate involved.
                long[] bare = new long[passages];
                for (int i = 0; i < passages; i++) {
                    long seq = 1_000_000L + i;
                    display.show(new ResidentView(seq, i % 2 == 0 ? Screen.GRANTED : Screen.DENIED, Instant.now(),
                            Optional.empty(), List.of(), Optional.of(36.5), Optional.of("*****5")));
                    bare[i] = paintOf(painted, seq, STEP).latency().toNanos();
                }
                Latencies b = Latencies.of(bare);
                report.add("display_bare_paint_p99_ms", b.percentileMs(99), "ms");
                report.add("display_paint_p99_vs_bare", b.percentileMs(99) > 0
                        ? l.percentileMs(99) / b.percentileMs(99) : Double.NaN, "x");
                report.note("display_paint", passages + " passages, decision (lock driven) to page painted in headless "
                        + "Chromium at 800x480; target p99 <= 100 ms; ms resolution (browser and JVM read the same clock)");
            } finally {
                browser.destroy();
                browser.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** The page's report for view {@code seq}; reports of older views are passed over. */
    private static DisplayServer.Painted paintOf(BlockingQueue<DisplayServer.Painted> painted, long seq, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            DisplayServer.Painted p = painted.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (p == null) {
                throw new IllegalStateException("the page did not paint view " + seq + " within " + wait.toSeconds() + " s");
            }
            if (p.seq() == seq) {
                return p;
            }
            if (p.seq() > seq) {
                throw new IllegalStateException("the page skipped view " + seq + " (painted " + p.seq() + ")");
            }
        }
    }

    private static Optional<String> which(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }
}
