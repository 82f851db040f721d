package org.gridgate.sim.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.sim.rig.GateChild;

/**
 * One gate child process ({@link GateChild}) of the crash runs, seen from the parent: started with
 * the runs' options, its output read on a thread of its own, the decisions it acted on and its
 * ROSTER/TRUST lines collected, then killed (SIGKILL) or stopped (SIGTERM). {@link Chaos} and
 * {@link PowerCut} both drive their children through it.
 */
final class GateProcess {
    static final long READY_TIMEOUT_MS = 60_000;
    /** A small roster: the runs are about crashes, not lookups. */
    static final int RESIDENTS = 50;

    private static final String EOF = "\u0000eof";
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Map<Long, String> acted = new HashMap<>();
    /** The last {@code ROSTER <entries>} and {@code TRUST <issuedAt ms>} lines (power-cut run), or -1. */
    private long rosterEntries = -1;
    private long trustIssuedMs = -1;

    private GateProcess(Process process) {
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

    static GateProcess start(Path state, String broker, long seed, boolean generate, List<String> jvmFlags)
            throws IOException {
        return start(state, state, broker, seed, generate, jvmFlags, List.of());
    }

    /** @param logDir where {@code child.err} goes; @param args more child options (e.g. {@code --key}) */
    static GateProcess start(Path state, Path logDir, String broker, long seed, boolean generate, List<String> jvmFlags,
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
        return new GateProcess(new ProcessBuilder(cmd)
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
        return collect(timeoutMs, () -> acted.size() > before);
    }

    /** Collects lines for {@code ms} milliseconds (the child keeps working meanwhile). */
    void runFor(long ms) throws InterruptedException {
        collect(ms, () -> false);
    }

    /**
     * Takes the child's lines until {@code done} holds after one of them (true), the time is up or the
     * child's output ended (false; the end stays in the queue for the next reader).
     */
    private boolean collect(long ms, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String l = lines.poll(left, TimeUnit.NANOSECONDS);
            if (l == null || l.equals(EOF)) {
                if (l != null) {
                    lines.add(EOF);
                }
                return false;
            }
            take(l);
            if (done.getAsBoolean()) {
                return true;
            }
        }
        return false;
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

    /**
     * JVM start is most of each round's cost: one child, stopped cleanly (SIGTERM) once ready, dumps
     * the classes it loaded into an archive the others map. Without an archive the run just goes slower.
     */
    static List<String> classDataArchive(Path state, Path dir, String broker, List<String> args) throws Exception {
        Path jsa = dir.resolve("child.jsa");
        if (!Files.exists(jsa)) {
            GateProcess c = start(state, dir, broker, 0, false, List.of("-XX:ArchiveClassesAtExit=" + jsa), args);
            c.awaitReady(READY_TIMEOUT_MS);
            c.stop();
        }
        return Files.exists(jsa) ? List.of("-XX:SharedArchiveFile=" + jsa) : List.of();
    }
}
