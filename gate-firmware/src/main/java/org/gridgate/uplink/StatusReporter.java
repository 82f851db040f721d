package org.gridgate.uplink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.Journal;
import org.gridgate.passage.GateControl;
import org.gridgate.passage.GateSnapshot;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the retained status message: mode, devices OK/fault, backlog, roster size, trust list age,
 * version. Looks every {@link #CHECK_EVERY}; publishes when something other than the backlog
 * changed, and at least every {@link #PUBLISH_EVERY}.
 */
public final class StatusReporter {
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    static final Duration PUBLISH_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

    /** Where the trust list's age comes from; empty before the first list. */
    public interface TrustAge {
        Optional<Instant> lastTrustUpdate();

        boolean stale(Instant now);
    }

    private final GateControl gate;
    private final Journal journal;
    private final TrustAge trust;
    private final String version;
    private final Consumer<Map<String, Object>> publish;
    private final Scheduler scheduler;
    private final Clock clock;
    private Map<String, Object> lastShape = Map.of();
    private Instant lastPublished = Instant.MIN;
    private volatile boolean stopped;

    public StatusReporter(GateControl gate, Journal journal, TrustAge trust, String version,
            Consumer<Map<String, Object>> publish, Scheduler scheduler, Clock clock) {
        this.gate = Objects.requireNonNull(gate);
        this.journal = Objects.requireNonNull(journal);
        this.trust = Objects.requireNonNull(trust);
        this.version = Objects.requireNonNull(version);
        this.publish = Objects.requireNonNull(publish);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Publishes now and then keeps looking until {@link #stop}. */
    public void start() {
        tick();
    }

    public void stop() {
        stopped = true;
    }

    /** The details as they would be published now. */
    public Map<String, Object> details() {
        GateSnapshot s = gate.snapshot();
        Journal.Stats j = journal.stats();
        Instant now = clock.instant();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mode", s.mode().name());
        long faults = s.devices().values().stream().filter(x -> !x.isOk()).count();
        d.put("devicesOk", s.devices().size() - faults);
        d.put("devicesFault", faults);
        d.put("faultyDevices", s.devices().values().stream().filter(x -> !x.isOk()).map(DeviceStatus::deviceId)
                .sorted().toList());
        d.put("openAlarms", s.openAlarms().size());
        d.put("degraded", s.degraded()); // e.g. "cannot record ...", "clock not set ...": the server alarms on it
        d.put("rosterSize", s.rosterSize());
        d.put("backlog", j.undelivered());
        d.put("lastSeq", j.lastSeq());
        d.put("dropped", j.dropped());
        d.put("trustListAgeS", trust.lastTrustUpdate().map(t -> Duration.between(t, now).toSeconds()).orElse(null));
        d.put("trustStale", trust.stale(now));
        d.put("version", version);
        return d;
    }

    void tick() {
        if (stopped) {
            return;
        }
        try {
            Map<String, Object> d = details();
            Map<String, Object> shape = new LinkedHashMap<>(d);
            shape.remove("backlog");
            shape.remove("lastSeq");
            shape.remove("trustListAgeS");
            Instant now = clock.instant();
            if (!shape.equals(lastShape) || !now.isBefore(lastPublished.plus(PUBLISH_EVERY))) {
                publish.accept(d);
                lastShape = shape;
                lastPublished = now;
            }
        } catch (RuntimeException e) {
            LOG.warn("status not published: {}", e.getMessage());
        }
        scheduler.schedule(CHECK_EVERY, this::tick);
    }
}
