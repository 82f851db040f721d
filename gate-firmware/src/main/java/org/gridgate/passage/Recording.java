package org.gridgate.passage;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the journal takes records (it does not when the card is full or failing), owned by the gate
 * loop thread. While it does not, entries are denied with {@link Reason#CANNOT_RECORD} and exits are
 * still let out; the gate says so in its snapshot (console, status message). The first record that
 * commits again ends the outage, and the gate journals one {@code cannot_record} alarm telling the
 * server how long it lasted and what went unrecorded.
 */
final class Recording {
    private Instant since;
    private String detail = "";
    private long deniedEntries;
    private long unrecordedExits;
    private long lostEvents;

    boolean failing() {
        return since != null;
    }

    /** A passage could not be committed; {@code egress} when it was let out all the same. */
    void passageFailed(Instant now, String why, boolean egress) {
        start(now, why);
        if (egress) {
            unrecordedExits++;
        } else {
            deniedEntries++;
        }
    }

    /** Any other record (event, alarm) could not be committed. */
    void recordFailed(Instant now, String why) {
        start(now, why);
        lostEvents++;
    }

    private void start(Instant now, String why) {
        if (since == null) {
            since = now;
        }
        detail = why == null ? "" : why;
    }

    /** What the resident and the volunteer read, e.g. "journal append failed ...: disk full". */
    String detail() {
        return detail;
    }

    List<String> degraded() {
        return since == null ? List.of() : List.of("cannot record since " + since + ": " + detail);
    }

    /** Ends the outage: the alarm's body, for the record that is written now. */
    Map<String, Object> recovered(Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alarm", "cannot_record");
        body.put("since", since.toString());
        body.put("durationS", Math.max(0, Duration.between(since, now).toSeconds()));
        body.put("deniedEntries", deniedEntries);
        body.put("unrecordedExits", unrecordedExits);
        body.put("unrecordedEvents", lostEvents);
        body.put("detail", detail);
        since = null;
        deniedEntries = 0;
        unrecordedExits = 0;
        lostEvents = 0;
        return body;
    }
}
