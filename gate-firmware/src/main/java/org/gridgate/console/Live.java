package org.gridgate.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateObserver;
import org.gridgate.passage.GateSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's own thread. Gate callbacks only enqueue here (the gate loop must never wait on the
 * console); this thread updates the {@link Board}, asks the gate for a snapshot at least once a second
 * and after every action, and pushes what changed to the open pages.
 */
final class Live implements GateObserver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);
    static final Duration REFRESH = Duration.ofSeconds(1);
    static final Duration TRUST_LIST_STALE = Duration.ofHours(24);

    private sealed interface Msg {}

    private record Passage(Decision d, JournalEntry e, String masked) implements Msg {}

    private record Alarm(String code, JournalEntry e) implements Msg {}

    private record Refresh() implements Msg {}

    private final Console.Parts p;
    private final Board board;
    private final Broadcaster out;
    private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private Map<String, Object> lastState = Map.of();

    Live(Console.Parts parts, Board board, Broadcaster out) {
        this.p = parts;
        this.board = board;
        this.out = out;
        this.thread = Thread.ofVirtual().name("console-live").unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    @Override
    public void decided(Decision decision, JournalEntry entry, String masked) {
        firstSeen.compareAndSet(Long.MAX_VALUE, entry.seq()); // on the gate loop: sequence numbers only grow
        inbox.add(new Passage(decision, entry, masked));
    }

    /** The first record this console saw live; everything from it on is (or will be) counted live. */
    long firstSeenSeq() {
        return firstSeen.get();
    }

    @Override
    public void alarm(String code, JournalEntry entry) {
        inbox.add(new Alarm(code, entry));
    }

    @Override
    public void device(DeviceStatus status) {
        refreshSoon();
    }

    @Override
    public void rosterReplaced(int size) {
        refreshSoon();
    }

    /** After an action: the gate has it queued, so a snapshot taken now shows its effect. */
    private final java.util.concurrent.atomic.AtomicLong firstSeen = new java.util.concurrent.atomic.AtomicLong(
            Long.MAX_VALUE);

    void refreshSoon() {
        inbox.add(new Refresh());
    }

    private void run() {
        long next = 0;
        while (running) {
            try {
                Msg m = inbox.poll(REFRESH.toMillis(), TimeUnit.MILLISECONDS);
                boolean refresh = m instanceof Refresh || m instanceof Alarm || System.nanoTime() - next >= 0;
                switch (m) {
                    case Passage ps -> out.send("passage", Json.write(board.passage(ps.d(), ps.e(), ps.masked())));
                    case Alarm a -> board.alarm(a.code(), a.e(), detail(a.e()));
                    case Refresh r -> { }
                    case null -> { }
                }
                if (refresh) {
                    refresh();
                    next = System.nanoTime() + REFRESH.toNanos();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("console: update failed: {}", e.toString());
            }
        }
    }

    /** The alarm's journal body minus bookkeeping: device ids, passage numbers, counts. No identities. */
    private static Map<String, Object> detail(JournalEntry e) {
        Map<String, Object> body = new LinkedHashMap<>(Json.map(e.payloadJson()));
        body.keySet().removeAll(List.of("v", "id", "seq", "gate", "community", "kind", "at", "mono", "boot",
                "alarm"));
        return body;
    }

    private void refresh() {
        Instant now = p.clock().instant();
        Map<String, Object> health = new LinkedHashMap<>();
        String mode = "unknown";
        Map<Long, String> open = Map.of();
        List<String> degraded = List.of();
        try {
            GateSnapshot s = p.control().snapshot();
            mode = Texts.lower(s.mode());
            open = s.openAlarms();
            List<Map<String, Object>> devices = new ArrayList<>();
            for (DeviceStatus d : s.devices().values().stream()
                    .sorted(java.util.Comparator.comparing(DeviceStatus::deviceId)).toList()) {
                devices.add(Map.of("id", d.deviceId(), "ok", d.isOk(), "reason", d.reason()));
            }
            health.put("gateLoop", true);
            health.put("devices", devices);
            health.put("roster", s.rosterSize());
            health.put("passageInProgress", s.passageInProgress());
            health.put("degraded", s.degraded());
            degraded = s.degraded();
        } catch (RuntimeException e) {
            health.put("gateLoop", false); // the page shows this loudly: the gate itself is not answering
            health.put("devices", List.of());
        }
        health.put("broker", p.uplinkConnected().getAsBoolean());
        try {
            Journal.Stats st = p.journalStats().get();
            health.put("backlog", st.undelivered());
            health.put("dropped", st.dropped());
            health.put("storage", degraded.stream().anyMatch(d -> d.startsWith("cannot record")) ? "cannot_record"
                    : st.dropped() == 0 ? "ok" : "dropped");
        } catch (RuntimeException e) {
            health.put("backlog", null);
            health.put("dropped", null);
            health.put("storage", "failed");
        }
        Optional<Instant> trust = p.trustListUpdated().get();
        health.put("trustListAgeH", trust.map(t -> Duration.between(t, now).toHours()).orElse(null));
        health.put("trustListStale", trust.map(t -> Duration.between(t, now).compareTo(TRUST_LIST_STALE) > 0)
                .orElse(null));
        health.put("clock", Map.of("now", Texts.dateTime(now, p.zone()),
                "status", degraded.stream().anyMatch(d -> d.startsWith("clock not set")) ? "suspect"
                        : p.clockStatus().get()));
        board.gate(mode, open, health, now);
        Map<String, Object> state = board.state();
        if (!state.equals(lastState)) {
            lastState = state;
            out.send("state", Json.write(state));
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
