package org.gridgate.sim.chaos;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.testing.RecordCollector;

/**
 * The crash test of issue 6: runs the gate as a child process ({@link GateProcess}), SIGKILLs it at
 * random moments while passages stream, restarts it on the same state folder, and finally lets one
 * child drain the backlog. Then checks, from the journal file and from what the subscriber (kept in this process)
 * received: every acted-on decision is journaled and delivered, sequence numbers have no gaps,
 * SQLite's integrity check passes, and after dedup by id no record is doubled.
 */
public final class Chaos {
    static final long DRAIN_TIMEOUT_MS = 120_000;

    /** @param state folder for the gate's files (null: a temporary one) */
    public record Options(int kills, long seed, Path state) {}

    public record Result(int kills, long decisions, long lost, long duplicated, List<String> problems) {
        public boolean ok() {
            return lost == 0 && duplicated == 0 && problems.isEmpty();
        }

        public String line() {
            return "chaos: " + kills + " kills, " + decisions + " decisions, " + lost + " lost, " + duplicated
                    + " duplicated";
        }
    }

    private Chaos() {}

    public static Result run(Options o, PrintStream out) throws Exception {
        Path state = o.state() != null ? Files.createDirectories(o.state()) : Files.createTempDirectory("gridgate-chaos");
        Random random = new Random(o.seed());
        Map<Long, String> acted = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long reusedSeqs = 0;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                RecordCollector collector = RecordCollector.ids(broker.uri(), "gridgate", "chaos-collector")) {
            List<String> cds = GateProcess.classDataArchive(state, state, broker.uri(), List.of());
            for (int i = 0; i < o.kills(); i++) {
                GateProcess c = GateProcess.start(state, broker.uri(), o.seed() * 1_000 + i, true, cds);
                boolean early = random.nextInt(5) == 0; // sometimes during start-up
                long ready = early ? 0 : c.awaitReady(GateProcess.READY_TIMEOUT_MS);
                if (ready < 0) {
                    problems.add("child " + i + " never became ready (see " + state.resolve("child.err") + ")");
                } else if (!early && !c.awaitDecision(GateProcess.READY_TIMEOUT_MS)) {
                    // The random delay starts at the first decision, not at READY: on a busy machine the
                    // first passage of a fresh JVM can take longer than the whole delay, and a kill
                    // before any decision tests start-up, which the early kills already do.
                    problems.add("child " + i + " made no decision (see " + state.resolve("child.err") + ")");
                }
                c.runFor(early ? random.nextInt(800) : 30 + random.nextInt(1000));
                for (Map.Entry<Long, String> e : c.killAndCollect().entrySet()) {
                    String before = acted.putIfAbsent(e.getKey(), e.getValue());
                    if (before != null && !before.equals(e.getValue())) {
                        reusedSeqs++; // two decisions acted on under one seq
                    }
                }
            }
            Path journal = journalOf(state);
            GateProcess last = GateProcess.start(state, broker.uri(), o.seed() * 1_000 + o.kills(), false, cds);
            if (last.awaitReady(GateProcess.READY_TIMEOUT_MS) < 0) {
                problems.add("the draining child never became ready");
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
            while (!delivered(JournalFile.records(journal), collector.unique()) && System.nanoTime() < deadline) {
                last.runFor(200);
            }
            last.killAndCollect();

            Map<Long, String> records = JournalFile.records(journal);
            String integrity = JournalFile.integrity(journal);
            if (!integrity.equals("ok")) {
                problems.add("integrity_check: " + integrity);
            }
            long max = records.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            if (records.size() != max) {
                problems.add("sequence gaps: " + records.size() + " records for seqs 1.." + max);
            }
            long dropped = JournalFile.dropped(journal);
            if (dropped != 0) {
                problems.add(dropped + " records pruned for space");
            }
            Map<String, Long> received = collector.unique();
            long lost = 0;
            for (Map.Entry<Long, String> a : acted.entrySet()) {
                if (!a.getValue().equals(records.get(a.getKey())) || !received.containsKey(a.getValue())) {
                    lost++;
                }
            }
            Set<String> journalIds = new HashSet<>(records.values());
            long undeliveredOther = journalIds.stream().filter(id -> !received.containsKey(id)
                    && !acted.containsValue(id)).count();
            if (undeliveredOther > 0) {
                problems.add(undeliveredOther + " journal record(s) besides decisions never reached the subscriber");
            }
            // After dedup by id, a doubled decision shows as two ids for one seq, or an id the journal lacks.
            Map<Long, Integer> idsPerSeq = new HashMap<>();
            received.forEach((id, seq) -> idsPerSeq.merge(seq, 1, Integer::sum));
            long duplicated = reusedSeqs + idsPerSeq.values().stream().filter(n -> n > 1).count()
                    + received.keySet().stream().filter(id -> !journalIds.contains(id)).count();
            out.println("chaos: journal " + records.size() + " records (seq 1.." + max + "), integrity " + integrity
                    + "; subscriber got " + collector.copies() + " copies of " + received.size()
                    + " records (resends dropped by id); state " + state);
            problems.forEach(p -> out.println("chaos: problem: " + p));
            return new Result(o.kills(), acted.size(), lost, duplicated, problems);
        }
    }

    private static boolean delivered(Map<Long, String> records, Map<String, Long> received) {
        return !records.isEmpty() && received.keySet().containsAll(records.values());
    }

    /** Where the sim config puts the journal, relative to the state folder. */
    static Path journalOf(Path state) throws Exception {
        var anyAnchor = new org.gridgate.config.CredentialConfig.TrustAnchor("AQ==", "AQ==");
        return org.gridgate.sim.demo.Demo.simConfig(state, "tcp://127.0.0.1:1", anyAnchor).storage().journal();
    }
}
