package org.gridgate.sim.perf.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gridgate.config.CredentialConfig;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.rig.GateChild;
import org.gridgate.testing.RecordCollector;

/**
 * Runs one {@link GateChild} to the end and checks nothing was lost: every decision it acted on
 * is in the journal file, and every journaled record (decisions, events, alarms) reached the
 * subscriber in this process. The broker lives in this process too, outside any CPU pinning.
 */
final class PipelineRun {
    /** One STAT line, with the RSS this process read the moment the line arrived. */
    record Sample(long millis, long passages, double heapAfterGcMb, double rssMb) {}

    record Result(long passages, long granted, long millis, long acted, long journaled, long lost, long dropped,
            List<Sample> samples) {
        double ratePerS() {
            return millis == 0 ? 0 : passages * 1000.0 / millis;
        }
    }

    private PipelineRun() {}

    /**
     * @param prefix command words before java (e.g. taskset)
     * @param childArgs the child's own options after --state and --broker
     * @param onSample called on the reader thread for each sample (progress, plots)
     */
    static Result run(List<String> prefix, List<String> jvmFlags, Path state, String broker, List<String> childArgs,
            Duration timeout, Duration drain, Consumer<Sample> onSample) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The unit starts the jar, whose manifest grants native access; a -cp child must ask for it, or
        // JDK 24+ prints "restricted method" warnings into the bench's output.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GateChild.class.getName(),
                "--state", state.toString(), "--broker", broker));
        cmd.addAll(childArgs);
        Path log = state.resolve("child.log");
        try (RecordCollector server = RecordCollector.seqs(broker, "gridgate", "bench-server-" + System.nanoTime())) {
            Process p = GateDaemon.killedWithUs(
                    new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
            try {
                Lines lines = new Lines(p, onSample);
                if (!lines.done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the gate process did not finish within " + timeout.toSeconds() + " s (exit "
                            + (p.isAlive() ? "none" : p.exitValue()) + "; see " + log + ")");
                }
                if (lines.donePassages < 0) {
                    throw new IOException("the gate process ended without DONE (exit " + p.waitFor() + "; see " + log + ")");
                }
                Path journal = journalOf(state);
                Journaled j = journaled(journal);
                BitSet everything = (BitSet) lines.acted.clone();
                everything.or(j.seqs());
                server.await(() -> server.missing(everything).isEmpty(), drain);
                BitSet lost = server.missing(everything);
                BitSet notJournaled = (BitSet) lines.acted.clone();
                notJournaled.andNot(j.seqs());
                if (j.minSeq() > 1 && j.dropped() == 0) {
                    notJournaled.clear(0, (int) j.minSeq()); // pruned once delivered, as production does
                }
                lost.or(notJournaled);
                Sample last = lines.samples.isEmpty() ? null : lines.samples.get(lines.samples.size() - 1);
                return new Result(lines.donePassages, lines.doneGranted, last == null ? 0 : last.millis(),
                        lines.acted.cardinality(), j.seqs().cardinality(), lost.cardinality(), j.dropped(),
                        List.copyOf(lines.samples));
            } finally {
                GateDaemon.stop(p);
            }
        }
    }

    /** Where the sim config puts the journal, relative to the state folder. */
    static Path journalOf(Path state) throws Exception {
        var anyAnchor = new CredentialConfig.TrustAnchor("AQ==", "AQ==");
        return Demo.simConfig(state, "tcp://127.0.0.1:1", anyAnchor).storage().journal();
    }

    record Journaled(BitSet seqs, long minSeq, long dropped) {}

    /** Read with a connection of its own, as an auditor would, while the gate still runs. */
    static Journaled journaled(Path file) throws SQLException {
        BitSet seqs = new BitSet();
        long min = Long.MAX_VALUE;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT seq FROM record")) {
                while (r.next()) {
                    long seq = r.getLong(1);
                    seqs.set((int) seq);
                    min = Math.min(min, seq);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT coalesce(sum(count), 0) FROM dropped")) {
                return new Journaled(seqs, min == Long.MAX_VALUE ? 0 : min, r.next() ? r.getLong(1) : 0);
            }
        }
    }

    /** Reads the child's stdout on a thread of its own. */
    private static final class Lines {
        final BitSet acted = new BitSet();
        final List<Sample> samples = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile long donePassages = -1;
        volatile long doneGranted;

        Lines(Process p, Consumer<Sample> onSample) {
            Thread.ofPlatform().daemon(true).name("pipeline-child-reader").start(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (l.startsWith("A ")) { // A <seq> <id>
                            int space = l.indexOf(' ', 2);
                            acted.set(Integer.parseInt(l, 2, space < 0 ? l.length() : space, 10));
                        } else if (l.startsWith("STAT ")) {
                            String[] f = l.split(" ");
                            long heap = Long.parseLong(f[3]);
                            Sample s = new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]),
                                    heap < 0 ? Double.NaN : heap / 1048576.0,
                                    ProcStatus.rssKb(p.pid()).orElse(0) / 1024.0);
                            samples.add(s);
                            onSample.accept(s);
                        } else if (l.startsWith("DONE ")) {
                            String[] f = l.split(" ");
                            donePassages = Long.parseLong(f[1]);
                            doneGranted = Long.parseLong(f[2]);
                            done.countDown();
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the child died: what was read counts, and the missing DONE says so
                }
                done.countDown();
            });
        }
    }
}
