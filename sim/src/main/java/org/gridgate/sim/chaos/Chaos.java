package org.gridgate.sim.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.sim.rig.GateChild;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.testing.RecordCollector;

/**
 * The crash test of issue 6: runs the gate as a child process, SIGKILLs it at random moments while
 * passages stream, restarts it on the same state folder, and finally lets one child drain the
 * backlog. Then checks, from the journal file and from what the subscriber (kept in this process)
 * received: every acted-on decision is journaled and delivered, sequence numbers have no gaps,
 * SQLite's integrity check passes, and after dedup by id no record is doubled.
 */
public final class Chaos {
    static final long READY_TIMEOUT_MS = 60_000;
    static final long DRAIN_TIMEOUT_MS = 120_000;
    /** A small roster: the run is about crashes, not lookups. */
    static final int RESIDENTS = 50;

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
            List<String> cds = classDataArchive(state, state, broker.uri(), List.of());
            for (int i = 0; i < o.kills(); i++) {
                Child c = Child.start(state, broker.uri(), o.seed() * 1_000 + i, true, cds);
                boolean early = random.nextInt(5) == 0; // sometimes during start-up
                long ready = early ? 0 : c.awaitReady(READY_TIMEOUT_MS);
                if (ready < 0) {
                    problems.add("child " + i + " never became ready (see " + state.resolve("child.err") + ")");
                } else if (!early && !c.awaitDecision(READY_TIMEOUT_MS)) {
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
            Child last = Child.start(state, broker.uri(), o.seed() * 1_000 + o.kills(), false, cds);
            if (last.awaitReady(READY_TIMEOUT_MS) < 0) {
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

    /**
     * JVM start is most of each round's cost: one child, stopped cleanly (SIGTERM) once ready, dumps
     * the classes it loaded into an archive the others map. Without an archive the run just goes slower.
     */
    static List<String> classDataArchive(Path state, Path dir, String broker, List<String> args) throws Exception {
        Path jsa = dir.resolve("child.jsa");
        if (!Files.exists(jsa)) {
            Child c = Child.start(state, dir, broker, 0, false, List.of("-XX:ArchiveClassesAtExit=" + jsa), args);
            c.awaitReady(READY_TIMEOUT_MS);
            c.stop();
        }
        return Files.exists(jsa) ? List.of("-XX:SharedArchiveFile=" + jsa) : List.of();
    }

    private static boolean delivered(Map<Long, String> records, Map<String, Long> received) {
        return !records.isEmpty() && received.keySet().containsAll(records.values());
    }

    /** Where the sim config puts the journal, relative to the state folder. */
    static Path journalOf(Path state) throws Exception {
        var anyAnchor = new org.gridgate.config.CredentialConfig.TrustAnchor("AQ==", "AQ==");
        return org.gridgate.sim.demo.Demo.simConfig(state, "tcp://127.0.0.1:1", anyAnchor).storage().journal();
    }

    /** One gate process and the lines it printed. */
    static final class Child {
        private static final String EOF = "\u0000eof";
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Map<Long, String> acted = new HashMap<>();
        /** The last {@code ROSTER <entries>} and {@code TRUST <issuedAt ms>} lines (power-cut run), or -1. */
        private long rosterEntries = -1;
        private long trustIssuedMs = -1;

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // the process died mid-line: what was read counts
                }
                lines.add(EOF);
            }, "chaos-child-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path state, String broker, long seed, boolean generate, List<String> jvmFlags)
                throws IOException {
            return start(state, state, broker, seed, generate, jvmFlags, List.of());
        }

        /** @param logDir where {@code child.err} goes; @param args more child options (e.g. {@code --key}) */
        static Child start(Path state, Path logDir, String broker, long seed, boolean generate, List<String> jvmFlags,
                List<String> args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-XX:+UseSerialGC", "-Xmx96m"));
            cmd.addAll(jvmFlags);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GateChild.class.getName(),
                    "--state", state.toString(), "--broker", broker, "--seed", Long.toString(seed),
                    "--residents", Integer.toString(RESIDENTS), "--fever-every", "20", "--flush-each-decision"));
            if (!generate) {
                cmd.add("--idle");
            }
            cmd.addAll(args);
            return new Child(new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve("child.err").toFile())).start());
        }

        /** Milliseconds until READY, or -1 if the child died or took too long. */
        long awaitReady(long timeoutMs) throws InterruptedException {
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String l = lines.poll(left, TimeUnit.NANOSECONDS);
                if (l == null || l.equals(EOF)) {
                    return -1;
                }
                if (l.equals("READY")) {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                }
                take(l);
            }
            return -1;
        }

        /** Collects lines until the child has acted on one more decision; false if it died or took too long. */
        boolean awaitDecision(long timeoutMs) throws InterruptedException {
            int before = acted.size();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String l = lines.poll(left, TimeUnit.NANOSECONDS);
                if (l == null || l.equals(EOF)) {
                    if (l != null) {
                        lines.add(EOF);
                    }
                    return false;
                }
                take(l);
                if (acted.size() > before) {
                    return true;
                }
            }
            return false;
        }

        /** Collects lines for {@code ms} milliseconds (the child keeps working meanwhile). */
        void runFor(long ms) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String l = lines.poll(left, TimeUnit.NANOSECONDS);
                if (l == null || l.equals(EOF)) {
                    if (l != null) {
                        lines.add(EOF);
                    }
                    return;
                }
                take(l);
            }
        }

        /** SIGTERM: the JVM shuts down normally (and writes a class archive if asked to). */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        /** SIGKILL, then everything it printed before dying. */
        Map<Long, String> killAndCollect() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            for (String l; !(l = lines.take()).equals(EOF); ) {
                take(l);
            }
            return acted;
        }

        /** Decisions acted on so far, as far as read. */
        int actedCount() {
            return acted.size();
        }

        long rosterEntries() {
            return rosterEntries;
        }

        long trustIssuedMs() {
            return trustIssuedMs;
        }

        private void take(String l) {
            if (l.matches("ROSTER \\d+")) {
                rosterEntries = Long.parseLong(l.substring(7));
            } else if (l.matches("TRUST -?\\d+")) {
                trustIssuedMs = Long.parseLong(l.substring(6));
            }
            if (l.startsWith("A ")) {
                String[] p = l.split(" ");
                if (p.length == 3 && p[2].length() == 36) { // a line cut by the kill is not counted
                    acted.put(Long.parseLong(p[1]), p[2]);
                }
            }
        }
    }
}
