package org.gridgate.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gridgate.journal.Journal;
import org.gridgate.journal.JournalEntry;
import org.gridgate.journal.JournalException;
import org.gridgate.journal.RecordKind;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Data updated daily": at local midnight in the gate's zone, counts the day just ended from the
 * journal (passages by direction, outcome and denial reason, fevers, the busiest hour) and
 * journals it as an EVENT {@code daily_summary}, which the uplink delivers like any record.
 */
public final class DailySummary {
    private static final Logger LOG = LoggerFactory.getLogger(DailySummary.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final Journal journal;
    private final ZoneId zone;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Runnable wake;
    private volatile boolean stopped;

    public DailySummary(Journal journal, ZoneId zone, Scheduler scheduler, Clock clock, Runnable wake) {
        this.journal = journal;
        this.zone = zone;
        this.scheduler = scheduler;
        this.clock = clock;
        this.wake = wake;
    }

    /** Schedules the next midnight; each run schedules the one after. */
    public void start() {
        ZonedDateTime now = clock.instant().atZone(zone);
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(zone);
        LocalDate day = now.toLocalDate();
        scheduler.schedule(Duration.between(now, midnight), () -> {
            if (stopped) {
                return;
            }
            try {
                journal.append(RecordKind.EVENT, clock.instant(), summarise(day));
                wake.run();
            } catch (JournalException | RuntimeException e) {
                LOG.error("daily summary not recorded: {}", e.getMessage());
            }
            start();
        });
    }

    public void stop() {
        stopped = true;
    }

    /** The summary body for {@code day} in the gate's zone. */
    public Map<String, Object> summarise(LocalDate day) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Long> byDirection = new TreeMap<>();
        Map<String, Long> byOutcome = new TreeMap<>();
        Map<String, Long> byReason = new TreeMap<>();
        long[] perHour = new long[24];
        long passages = 0;
        long fevers = 0;
        long alarms = 0;
        long next = org.gridgate.journal.Journals.firstSeqAtOrAfter(journal, from);
        scan:
        while (true) {
            List<JournalEntry> page = journal.range(next, Long.MAX_VALUE, PAGE);
            for (JournalEntry e : page) {
                next = e.seq() + 1;
                if (e.at().isBefore(from)) {
                    continue;
                }
                if (!e.at().isBefore(to)) {
                    break scan; // records are appended in time order
                }
                if (e.kind() == RecordKind.ALARM) {
                    alarms++;
                    continue;
                }
                if (e.kind() != RecordKind.PASSAGE) {
                    continue;
                }
                JsonNode n = parse(e);
                passages++;
                byDirection.merge(n.path("direction").asText("?"), 1L, Long::sum);
                byOutcome.merge(n.path("outcome").asText("?"), 1L, Long::sum);
                for (JsonNode r : n.path("reasons")) {
                    byReason.merge(r.asText(), 1L, Long::sum);
                    if (r.asText().equals("fever")) {
                        fevers++;
                    }
                }
                perHour[e.at().atZone(zone).getHour()]++;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        int peak = 0;
        for (int h = 1; h < 24; h++) {
            if (perHour[h] > perHour[peak]) {
                peak = h;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", "daily_summary");
        m.put("date", day.toString());
        m.put("zone", zone.getId());
        m.put("passages", passages);
        m.put("byDirection", byDirection);
        m.put("byOutcome", byOutcome);
        m.put("byReason", byReason);
        m.put("fevers", fevers);
        m.put("alarms", alarms);
        m.put("peakHour", passages == 0 ? null : peak);
        m.put("peakHourPassages", perHour[peak]);
        return m;
    }

    private static JsonNode parse(JournalEntry e) {
        try {
            return JSON.readTree(e.payloadJson());
        } catch (IOException ex) {
            return JSON.createObjectNode();
        }
    }
}
