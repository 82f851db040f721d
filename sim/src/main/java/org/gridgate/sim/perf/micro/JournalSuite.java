package org.gridgate.sim.perf.micro;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.gridgate.config.GateIdentity;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.RecordKind;
import org.gridgate.journal.sqlite.SqliteJournal;
import org.gridgate.sim.perf.PerfOptions;
import org.gridgate.sim.perf.PerfReport;
import org.gridgate.sim.perf.PerfSuite;

/**
 * Durable journal throughput: decisions appended through the real {@link SqliteJournal} (its own
 * pragmas: WAL, {@code synchronous=FULL}; one commit per decision, as the gate loop does) against
 * raw JDBC inserts of a row of the same size at the same durability ({@link RawSqlite}), both files
 * in the same directory, measured in alternating blocks in the same run.
 */
public final class JournalSuite implements PerfSuite {
    static final GateIdentity GATE = new GateIdentity("bench-gate", "bench-court", ZoneOffset.UTC);

    /** Per side: the time budget and the row cap (whichever comes first), and the warm-up rows. */
    record Sizes(Duration perSide, long maxRows, int warmRows) {
        static final Sizes QUICK = new Sizes(Duration.ofSeconds(5), 1_000_000, 300);
        static final Sizes FULL = new Sizes(Duration.ofSeconds(30), 20_000, 1000);

        static Sizes of(PerfOptions o) {
            return o.quick() ? QUICK : FULL;
        }
    }

    private final Sizes fixed;

    public JournalSuite() {
        this(null);
    }

    /** @param fixed sizes to use whatever the mode (tests); null for quick/full */
    JournalSuite(Sizes fixed) {
        this.fixed = fixed;
    }

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public void run(PerfOptions options, PerfReport report) throws Exception {
        Sizes sizes = fixed != null ? fixed : Sizes.of(options);
        Path dir = Scratch.fresh(options.scratch(name()));
        DecisionBodies bodies = new DecisionBodies(32);
        Clock clock = Clock.systemUTC();
        try (SqliteJournal journal = new SqliteJournal(dir.resolve("journal.db"), GATE,
                        new SqliteJournal.Limits(Duration.ofDays(30), 1L << 30), clock)) {
            long[] appended = {0};
            Alternation.Side journalSide = rows -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    journal.append(RecordKind.PASSAGE, clock.instant(), bodies.get(appended[0]++));
                }
                return System.nanoTime() - t0;
            };
            // One real append gives the payload the baseline writes: same size, same bytes.
            JournalEntry sample = journal.append(RecordKind.PASSAGE, clock.instant(), bodies.get(appended[0]++));
            try (RawSqlite raw = new RawSqlite(dir.resolve("raw.db"), sample.payloadJson())) {
                // Warm-up: JIT, page cache, both WAL files created and grown a little.
                long warmJ = journalSide.run(sizes.warmRows());
                long warmR = raw.insert(sizes.warmRows());
                double slower = sizes.warmRows() / (Math.max(warmJ, warmR) / 1e9);
                // Blocks of about a quarter second, so a run has many rounds to average drift over.
                int block = (int) Math.max(20, Math.min(5000, slower / 4));
                Alternation.Result r = new Alternation(sizes.perSide().toNanos(), sizes.maxRows(), block)
                        .run(journalSide, raw::insert);
                long stored = journal.stats().total();
                if (stored != appended[0]) {
                    throw new IllegalStateException("journal holds " + stored + " records, appended " + appended[0]);
                }
                report.note("journal_rows", Long.toString(r.a().rows()));
                report.note("sqlite_raw_rows", Long.toString(r.b().rows()));
                report.note("journal_rounds", r.rounds() + " rounds of " + block + " rows per side");
                report.note("journal_payload_bytes", Integer.toString(sample.payloadJson().length()));
                report.note("journal_dir", dir.toAbsolutePath().toString());
                report.add("journal_rate_per_s", r.a().ratePerSecond(), "records/s");
                report.add("sqlite_raw_rate_per_s", r.b().ratePerSecond(), "rows/s");
                report.add("journal_ratio_vs_sqlite", r.ratio(), "x");
            }
        } finally {
            Scratch.clear(dir);
        }
    }
}
