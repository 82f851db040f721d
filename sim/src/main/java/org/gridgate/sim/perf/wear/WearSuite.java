package org.gridgate.sim.perf.wear;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gridgate.config.GateIdentity;
import org.gridgate.passage.Direction;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.journal.sqlite.WalCheckpointer;
import org.gridgate.passage.sqlite.SqliteHistory;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;
import org.gridgate.sim.perf.micro.DecisionBodies;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;

/**
 * {@code wear}: bytes written to the card per passage. The gate's own storage code (journal, history)
 * on a loop-mounted ext4 image, driven as a quiet gate drives it: each passage is a decision record,
 * the door's opened and closed events (three durable commits), the history row for quotas and
 * anti-passback, and one acknowledgement per record as its PUBACK comes (no batching, the worst case
 * and the normal one at a gate that sees a person a minute). Time is simulated, a passage every 30 s,
 * and the journal's checkpointer runs on that time too, with the gate's own policy: it makes, between
 * two passages, the checkpoints a real gate makes at that pace (on the wall clock, a run of a few
 * seconds would see a handful of checkpoints for thousands of passages). Warmed up past the first WAL
 * checkpoint, so checkpoints are in the figure at their steady rate. The device counts ext4's journal and metadata
 * too: what the card's controller receives.
 */
public final class WearSuite implements PerfSuite {
    static final GateIdentity GATE = new GateIdentity("wear-gate", "wear-court", ZoneOffset.UTC);
    /** Assumptions of the card-life figure (docs/performance.md explains them). */
    static final double CARD_BYTES = 32e9;
    static final double PE_CYCLES = 1000;
    static final double WRITE_AMPLIFICATION = 10;
    static final double PASSAGES_PER_DAY = 2000;

    @Override
    public String name() {
        return "wear";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Path dir = options.scratch(name());
        int warm = options.quick() ? 150 : 400;
        int measured = options.quick() ? 300 : 2000;
        LoopCard card;
        try {
            card = LoopCard.mount(dir, 256);
        } catch (IOException e) {
            String why = "no loop-mounted card (needs root, mount, mkfs.ext4): " + e.getMessage();
            if ("true".equals(System.getenv("GRIDGATE_REQUIRE_TOOLS")) || Boolean.getBoolean("gridgate.requireTools")) {
                report.failed(name(), why);
            } else {
                report.note("wear", "skipped: " + why); // a developer's machine without root; CI requires it
            }
            return;
        }
        try (card) {
            Result bare = measure(card, "bare", false, warm, measured);
            report.add("bytes_written_per_decision_without_door", bare.devicePerPassage(), "B");
            Result r = measure(card, "door", true, warm, measured);
            report.add("bytes_written_per_passage", r.devicePerPassage(), "B");
            report.add("bytes_written_per_passage_by_sqlite", r.appPerPassage(), "B");
            double perDay = r.devicePerPassage() * PASSAGES_PER_DAY;
            double years = CARD_BYTES * PE_CYCLES / WRITE_AMPLIFICATION / perDay / 365;
            report.add("card_life_years_2000_passages_per_day", years, "years");
            report.note("wear", String.format(Locale.ROOT, "%d passages after %d warm-up on ext4 (loop %s): %.0f B"
                    + " to the device, %.0f B written by the process, per passage (decision + 2 door events,"
                    + " 3 acks, history); card life: 32 GB, %.0f P/E cycles, write amplification %.0f, %.0f"
                    + " passages/day", measured, warm, card.dir(), r.devicePerPassage(), r.appPerPassage(),
                    PE_CYCLES, WRITE_AMPLIFICATION, PASSAGES_PER_DAY));
        }
    }

    record Result(double devicePerPassage, double appPerPassage) {}

    /** @param door with the door contact's two events per passage, else the decision alone */
    static Result measure(LoopCard card, String name, boolean door, int warm, int measured) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T06:00:00Z"));
        ManualScheduler time = new ManualScheduler(clock);
        Path state = Files.createDirectories(card.dir().resolve(name));
        try (SqliteJournal journal = new SqliteJournal(state.resolve("journal.db"), GATE,
                        new SqliteJournal.Limits(Duration.ofDays(30), 256L << 20), clock, time,
                        WalCheckpointer.Policy.DEFAULT);
                SqliteHistory history = new SqliteHistory(state.resolve("history.db"), s -> s, Duration.ofDays(60))) {
            for (int i = 0; i < warm; i++) {
                passage(journal, history, time, clock, i, door);
            }
            long device0 = card.bytesWritten();
            long app0 = wchar();
            for (int i = warm; i < warm + measured; i++) {
                passage(journal, history, time, clock, i, door);
            }
            long app = wchar() - app0;
            long device = card.bytesWritten() - device0;
            return new Result((double) device / measured, (double) app / measured);
        }
    }

    private static void passage(SqliteJournal journal, SqliteHistory history, ManualScheduler time,
            ManualClock clock, int i, boolean door) throws Exception {
        time.advance(Duration.ofSeconds(30)); // the checkpoints of the quiet time since the last passage
        Instant now = clock.instant();
        JournalEntry decision = journal.append(RecordKind.PASSAGE, now, DecisionBodies.body(i));
        history.granted(String.format("R-%04d", i % 500), "1-" + (i % 200), i % 2 == 0 ? Direction.ENTRY
                : Direction.EXIT, now);
        if (!door) {
            journal.markDelivered(List.of(decision.seq()));
            return;
        }
        JournalEntry opened = journal.append(RecordKind.EVENT, now.plusSeconds(1), Map.of("event", "door_opened"));
        journal.markDelivered(List.of(decision.seq()));
        JournalEntry closed = journal.append(RecordKind.EVENT, now.plusSeconds(4), Map.of("event", "door_closed"));
        journal.markDelivered(List.of(opened.seq()));
        journal.markDelivered(List.of(closed.seq()));
    }

    /** Bytes this process passed to write() and friends ({@code wchar} of /proc/self/io). */
    private static long wchar() throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (l.startsWith("wchar:")) {
                return Long.parseLong(l.substring(6).trim());
            }
        }
        return 0;
    }
}
