package org.gridgate.sim.chaos;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gridgate.config.CredentialConfig;
import org.gridgate.config.GateConfig;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.roster.Resident;
import org.gridgate.roster.RosterMessage;
import org.gridgate.sim.demo.Demo;
import org.gridgate.sim.server.CommunityServer;
import org.gridgate.sim.server.EmbeddedBroker;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.rig.GateChild;
import org.gridgate.sim.rig.Residents;
import org.gridgate.testing.RecordCollector;

/**
 * Issue 18's power-cut test. The gate's whole state folder (journal, history, roster, trust lists,
 * identity key) lives on LazyFS; the gate runs as a child process, deciding passages while the
 * server pushes signed rosters and trust lists; at a random moment the child is SIGKILLed and
 * everything it had not fsync'd is dropped (or LazyFS tears a write of the journal's WAL and dies);
 * the mount goes away and comes back, and the files it left are audited before the next start.
 * What the child acted on reaches this process over a pipe, never through the card.
 */
public final class PowerCut {
    /** Every {@code TORN_EVERY}-th cut is a torn write of the journal's WAL instead of a cache drop. */
    static final int TORN_EVERY = 4;
    static final long DRAIN_TIMEOUT_MS = 180_000;

    /** @param work a folder on a normal file system for LazyFS's config, logs and the child's stderr */
    public record Options(int cuts, long seed, Path work, Path lazyfs) {}

    /** @param tornWrites cuts armed with a torn write; @param tornFired those where LazyFS tore a write and died */
    public record Result(int cuts, int tornWrites, int tornFired, long decisions, long lost, long tornFiles, long duplicated,
            long rosterUpdates, long trustUpdates, List<String> problems) {
        public boolean ok() {
            return lost == 0 && tornFiles == 0 && duplicated == 0 && problems.isEmpty();
        }

        public String line() {
            return "powercut: " + cuts + " cuts (" + tornWrites + " torn writes, " + tornFired + " fired), " + decisions + " decisions, " + lost
                    + " lost, " + tornFiles + " torn files, " + duplicated + " duplicated";
        }
    }

    private PowerCut() {}

    public static Result run(Options o, PrintStream out) throws Exception {
        Path work = Files.createDirectories(o.work() != null ? o.work() : Files.createTempDirectory("gridgate-powercut"));
        Path root = work.resolve("card");   // what is really on the "card"
        Path mount = work.resolve("state"); // what the gate sees
        Files.createDirectories(root);
        Random random = new Random(o.seed());
        CommunityKey community = GateChild.writeKey(work.resolve("community.key"));
        byte[] kid = community.kid();
        GateConfig config = config(mount);
        StateAudit audit = new StateAudit(config(root), GateProcess.RESIDENTS);
        List<String> childArgs = List.of("--key", work.resolve("community.key").toString());
        Map<Long, String> acted = new HashMap<>();
        List<String> problems = new ArrayList<>();
        long reused = 0;
        int torn = 0;
        int fired = 0;
        long rosterVersion = 0;
        long trustVersion = 0;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0);
                RecordCollector collector = RecordCollector.ids(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                        "powercut-collector");
                CommunityServer server = new CommunityServer(broker.uri(), config.mqtt().orElseThrow().topicRoot(),
                        config.gate().community())) {
            server.signWith(kid, community.pair().getPrivate());
            List<String> cds;
            try (LazyFs fs = LazyFs.mount(o.lazyfs(), root, mount, work, null)) {
                cds = GateProcess.classDataArchive(mount, work, broker.uri(), childArgs);
            }
            for (int i = 0; i < o.cuts(); i++) {
                LazyFs.Torn fault = null;
                if (i % TORN_EVERY == TORN_EVERY - 1) {
                    torn++;
                    fault = new LazyFs.Torn(torn % 2 == 1 ? "torn-op" : "torn-seq",
                            root.resolve(config.storage().journal().getFileName() + "-wal").toString(),
                            2 + random.nextInt(12)); // the n-th write to the WAL: a child writes a few per commit
                }
                try (LazyFs fs = LazyFs.mount(o.lazyfs(), root, mount, work, fault)) {
                    GateProcess c = GateProcess.start(mount, work, broker.uri(), o.seed() * 1_000 + i, true, cds,
                            childArgs);
                    if (c.awaitReady(GateProcess.READY_TIMEOUT_MS) < 0 && fault == null) {
                        problems.add("cut " + i + ": the child never became ready (see " + work.resolve("child.err") + ")");
                    }
                    // A few decisions at stake in every cut (unless a torn write already took the card away).
                    int want = 1 + random.nextInt(4);
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (c.actedCount() < want && fs.alive() && System.nanoTime() < until) {
                        c.runFor(50);
                    }
                    c.runFor(random.nextInt(500));
                    if (random.nextBoolean()) {
                        rosterVersion++;
                        server.publishSigned("roster", RosterMessage.encode(rosterVersion, TRUST_BASE.plusSeconds(rosterVersion), roster(rosterVersion)), true);
                    }
                    if (random.nextBoolean()) {
                        trustVersion++;
                        server.publishSigned("trust", trustList(trustVersion, kid, community.pair()), true);
                    }
                    c.runFor(random.nextInt(900));
                    // The power goes: the process stops, then what it had not synced is gone.
                    Map<Long, String> seen = c.killAndCollect();
                    if (fault != null && !fs.alive()) {
                        fired++;
                    }
                    if (!fs.powerCut()) {
                        problems.add("cut " + i + ": LazyFS did not confirm clearing its cache");
                    }
                    for (Map.Entry<Long, String> e : seen.entrySet()) {
                        String before = acted.putIfAbsent(e.getKey(), e.getValue());
                        if (before != null && !before.equals(e.getValue())) {
                            reused++;
                        }
                    }
                    audit.expectRoster(c.rosterEntries());
                    audit.expectTrust(c.trustIssuedMs());
                }
                audit.check("cut " + i, acted);
            }
            try (LazyFs fs = LazyFs.mount(o.lazyfs(), root, mount, work, null)) {
                GateProcess last = GateProcess.start(mount, work, broker.uri(), o.seed() * 1_000 + o.cuts(), false, cds,
                        childArgs);
                if (last.awaitReady(GateProcess.READY_TIMEOUT_MS) < 0) {
                    problems.add("the draining child never became ready");
                }
                Path journal = config.storage().journal();
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_TIMEOUT_MS);
                while (!delivered(JournalFile.records(journal), collector.unique()) && System.nanoTime() < deadline) {
                    last.runFor(200);
                }
                last.stop();
            }
            audit.check("after the drain", acted);
            Map<Long, String> records = JournalFile.records(audit.journal());
            Map<String, Long> received = collector.unique();
            long undelivered = records.values().stream().filter(id -> !received.containsKey(id)).count();
            if (undelivered > 0) {
                problems.add(undelivered + " journal record(s) never reached the server");
            }
            long max = records.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
            if (records.size() != max) {
                problems.add("sequence gaps: " + records.size() + " records for seqs 1.." + max);
            }
            Set<String> journalIds = new HashSet<>(records.values());
            Map<Long, Integer> idsPerSeq = new HashMap<>();
            received.forEach((id, seq) -> idsPerSeq.merge(seq, 1, Integer::sum));
            long duplicated = reused + idsPerSeq.values().stream().filter(n -> n > 1).count()
                    + received.keySet().stream().filter(id -> !journalIds.contains(id)).count();
            problems.addAll(audit.problems());
            out.println("powercut: journal " + records.size() + " records (seq 1.." + max + "); server got "
                    + collector.copies() + " copies of " + received.size() + " records (resends dropped by id); "
                    + rosterVersion + " rosters and " + trustVersion + " trust lists pushed, last stored: roster "
                    + audit.rosterVersion() + ", trust list " + audit.trustVersion() + "; card " + root);
            problems.forEach(p -> out.println("powercut: problem: " + p));
            return new Result(o.cuts(), torn, fired, acted.size(), audit.lost(), audit.tornFiles(), duplicated, rosterVersion,
                    trustVersion, problems);
        }
    }

    private static GateConfig config(Path state) throws Exception {
        var any = new CredentialConfig.TrustAnchor("AQ==", "AQ==");
        return Demo.simConfig(state, "tcp://127.0.0.1:1", any);
    }

    private static boolean delivered(Map<Long, String> records, Map<String, Long> received) {
        return !records.isEmpty() && received.keySet().containsAll(records.values());
    }

    /**
     * Roster version {@code v}: the child's residents plus markers {@code V-1..V-v}, so the number of
     * entries tells which version a stored roster is, and a mix of two versions shows.
     */
    static List<Resident> roster(long version) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Resident> out = new ArrayList<>();
        for (int i = 1; i <= GateProcess.RESIDENTS; i++) {
            out.add(resident(Residents.subject(i), "H-" + (i / 4), today));
        }
        for (long v = 1; v <= version; v++) {
            out.add(resident("V-" + v, "9-999", today));
        }
        return out;
    }

    private static Resident resident(String subject, String unit, LocalDate today) {
        return new Resident(subject, PersonKind.RESIDENT, unit, unit, Resident.Status.NORMAL, today.minusYears(1),
                today.plusYears(1));
    }

    /** Trust list {@code v}: the community key, issued {@code v} seconds after a fixed instant. */
    static byte[] trustList(long version, byte[] kid, KeyPair community) {
        Base64.Encoder b64 = Base64.getEncoder();
        return ("{\"v\":1,\"type\":\"trust\",\"version\":" + version + ",\"issuedAt\":\"" + trustIssuedAt(version)
                + "\",\"keys\":[{\"store\":\"community\",\"kid\":\"" + b64.encodeToString(kid) + "\",\"publicKey\":\""
                + b64.encodeToString(community.getPublic().getEncoded()) + "\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    static Instant trustIssuedAt(long version) {
        return TRUST_BASE.plusSeconds(version);
    }

    /** Trust list {@code v} is issued {@code v} seconds after this: its issue time tells its version. */
    static final Instant TRUST_BASE = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
}
