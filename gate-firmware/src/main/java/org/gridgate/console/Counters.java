package org.gridgate.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Decision;
import org.gridgate.passage.Reason;

/**
 * Today's figures in the gate's time zone: read back from the journal at start, then from the
 * decisions the console sees; they start again at local midnight. Owned by the console's dispatcher thread; {@link #view} copies.
 */
final class Counters {
    private final ZoneId zone;
    private LocalDate day;
    private Instant since;
    private int entries;
    private int exits;
    private int denied;
    private final Map<String, Integer> denials = new TreeMap<>();
    private final int[] passagesByHour = new int[24];
    private final int[] feversByHour = new int[24];

    Counters(ZoneId zone, Instant start) {
        this.zone = zone;
        reset(start);
    }

    void add(Decision d) {
        add(d.at(), d.direction(), d.granted(), d.denialReasons().stream().map(Reason::code).toList(), d.fever());
    }

    void add(Instant at, Direction direction, boolean granted, java.util.List<String> reasonCodes, boolean fever) {
        ZonedDateTime t = at.atZone(zone);
        roll(at);
        if (!t.toLocalDate().equals(day)) {
            return; // a decision from before midnight arriving after it belongs to no counter shown
        }
        if (granted) {
            if (direction == Direction.ENTRY) {
                entries++;
            } else {
                exits++;
            }
        } else {
            denied++;
            for (String code : reasonCodes) {
                denials.merge(code, 1, Integer::sum);
            }
        }
        passagesByHour[t.getHour()]++;
        if (fever) {
            feversByHour[t.getHour()]++;
        }
    }

    /** The counters now hold the whole day (read back from the journal), not only what this run saw. */
    void sinceMidnight() {
        since = day.atStartOfDay(zone).toInstant();
    }

    /** Starts a new day when {@code now} is past local midnight. */
    void roll(Instant now) {
        if (now.atZone(zone).toLocalDate().isAfter(day)) {
            reset(now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant());
        }
    }

    private void reset(Instant at) {
        day = at.atZone(zone).toLocalDate();
        since = at;
        entries = 0;
        exits = 0;
        denied = 0;
        denials.clear();
        java.util.Arrays.fill(passagesByHour, 0);
        java.util.Arrays.fill(feversByHour, 0);
    }

    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("day", day.toString());
        m.put("since", Texts.time(since, zone).substring(0, 5));
        m.put("entries", entries);
        m.put("exits", exits);
        m.put("denied", denied);
        Map<String, Object> byReason = new LinkedHashMap<>();
        denials.forEach((code, n) -> byReason.put(code, n));
        m.put("denials", byReason);
        m.put("passagesByHour", passagesByHour.clone());
        m.put("feversByHour", feversByHour.clone());
        return m;
    }
}
