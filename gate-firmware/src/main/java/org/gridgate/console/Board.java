package org.gridgate.console;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridgate.passage.Direction;
import org.gridgate.journal.JournalEntry;
import org.gridgate.passage.Check;
import org.gridgate.passage.Decision;
import org.gridgate.passage.Reason;

/**
 * What the console shows: the passage feed (newest first), open alarms with their details, today's
 * counters, the latest health, and the shift's log for the handover. Holds masked identities only.
 * Thread-safe: the dispatcher writes, request threads read copies.
 */
final class Board {
    static final int FEED = 100;
    static final int HISTORY = 20_000;

    /** What the handover needs of one passage, without who it was. */
    private record Passed(Instant at, boolean granted, boolean fever, List<String> reasons) {}

    /** A volunteer's action through the console, as the handover lists it. */
    record Action(Instant at, String volunteer, String zh, String en) {}

    private final ZoneId zone;
    private final Deque<Map<String, Object>> feed = new ArrayDeque<>();
    private final Deque<Passed> history = new ArrayDeque<>();
    private final Deque<Action> actions = new ArrayDeque<>();
    private final Map<Long, Map<String, Object>> alarmDetails = new TreeMap<>();
    private final Counters counters;
    private Map<Long, String> openAlarms = Map.of();
    private Map<String, Object> health = Map.of();
    private String mode = "normal";

    Board(ZoneId zone, Instant start) {
        this.zone = zone;
        this.counters = new Counters(zone, start);
    }

    synchronized Map<String, Object> passage(Decision d, JournalEntry e, String masked) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", d.at().toString());
        m.put("time", Texts.time(d.at(), zone));
        m.put("direction", Texts.lower(d.direction()));
        m.put("who", masked);
        m.put("temperatureC", d.temperature().map(t -> Math.round(t.bodyC() * 10) / 10.0).orElse(null));
        m.put("colour", d.credential().map(c -> Texts.lower(c.colour())).orElse(null));
        m.put("mask", d.checks().stream().filter(c -> c.kind() == Check.Kind.MASK).findFirst()
                .map(c -> Texts.reason(c.reason())).orElse(null));
        m.put("outcome", Texts.lower(d.outcome()));
        m.put("reasons", d.denialReasons().stream().map(Texts::reason).toList());
        m.put("assistedBy", d.assistedBy().orElse(null));
        m.put("fever", d.fever());
        feed.addFirst(m);
        while (feed.size() > FEED) {
            feed.removeLast();
        }
        history.addLast(new Passed(d.at(), d.granted(), d.fever(), d.denialReasons().stream().map(Reason::code)
                .toList()));
        while (history.size() > HISTORY) {
            history.removeFirst();
        }
        counters.add(d);
        return m;
    }

    /**
     * Counts passage records the journal already held when the console started (today's, after a
     * restart), up to (not including) {@code liveFrom}, the first record the console saw live.
     */
    synchronized void countRecorded(List<JournalEntry> records, long liveFrom) {
        for (JournalEntry e : records) {
            if (e.kind() != org.gridgate.journal.RecordKind.PASSAGE || e.seq() >= liveFrom) {
                continue;
            }
            Map<String, Object> p = Json.map(e.payloadJson());
            List<String> reasons = p.get("reasons") instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : List.of();
            Direction dir = "exit".equals(p.get("direction")) ? Direction.EXIT : Direction.ENTRY;
            counters.add(e.at(), dir, "granted".equals(p.get("outcome")), reasons, reasons.contains("fever"));
        }
        counters.sinceMidnight();
    }

    synchronized void alarm(String code, JournalEntry e, Map<String, Object> detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("code", code);
        m.put("at", e.at().toString());
        m.put("time", Texts.time(e.at(), zone));
        m.put("text", Texts.alarm(code));
        Map<String, Object> d = new LinkedHashMap<>(detail);
        if (detail.get("passageSeq") instanceof Number n) {
            // A fever alarm names the passage: show who (masked) and the reading, as the feed does.
            feed.stream().filter(f -> f.get("seq").equals(n.longValue())).findFirst().ifPresent(f -> {
                d.put("who", f.get("who"));
                d.put("temperatureC", f.get("temperatureC"));
            });
        }
        m.put("detail", d);
        alarmDetails.put(e.seq(), m);
    }

    synchronized void action(Instant at, String volunteer, String zh, String en) {
        actions.addLast(new Action(at, volunteer, zh, en));
        while (actions.size() > 1000) {
            actions.removeFirst();
        }
    }

    /** Takes the gate's view of what is open; details of alarms no longer open are forgotten. */
    synchronized void gate(String mode, Map<Long, String> openAlarms, Map<String, Object> health, Instant now) {
        this.mode = mode;
        this.openAlarms = Map.copyOf(openAlarms);
        this.health = health;
        alarmDetails.keySet().retainAll(openAlarms.keySet());
        counters.roll(now);
    }

    synchronized boolean alarmOpen(long seq) {
        return openAlarms.containsKey(seq);
    }

    /** Everything but the feed; equal values mean nothing worth sending changed. */
    synchronized Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("health", health);
        List<Map<String, Object>> alarms = new ArrayList<>();
        for (Map.Entry<Long, String> a : new TreeMap<>(openAlarms).descendingMap().entrySet()) {
            alarms.add(alarmDetails.getOrDefault(a.getKey(), Map.of("seq", a.getKey(), "code", a.getValue(),
                    "text", Texts.alarm(a.getValue()))));
        }
        m.put("alarms", alarms);
        m.put("counters", counters.view());
        return m;
    }

    synchronized List<Map<String, Object>> feed() {
        return List.copyOf(feed);
    }

    /** The shift summary from {@code since} to {@code now}: figures, denials, actions, what is still open. */
    synchronized Map<String, Object> handover(String volunteer, Instant since, Instant now) {
        int passages = 0;
        int granted = 0;
        int fevers = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        for (Passed p : history) {
            if (!p.at().isBefore(since) && !p.at().isAfter(now)) {
                passages++;
                granted += p.granted() ? 1 : 0;
                fevers += p.fever() ? 1 : 0;
                p.reasons().forEach(r -> reasons.merge(r, 1, Integer::sum));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("volunteer", volunteer);
        m.put("from", Texts.dateTime(since, zone));
        m.put("to", Texts.dateTime(now, zone));
        m.put("passages", passages);
        m.put("granted", granted);
        m.put("denied", passages - granted);
        m.put("fevers", fevers);
        m.put("denials", reasons);
        m.put("actions", actions.stream().filter(a -> !a.at().isBefore(since)).map(a -> Map.of(
                "time", Texts.time(a.at(), zone), "volunteer", a.volunteer(),
                "what", a.en(), "zh", a.zh(), "en", a.en())).toList());
        m.put("openAlarms", state().get("alarms"));
        m.put("mode", mode);
        return m;
    }
}
