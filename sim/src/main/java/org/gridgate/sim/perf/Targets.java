package org.gridgate.sim.perf;

import static org.gridgate.sim.perf.Target.Kind.ABSOLUTE;
import static org.gridgate.sim.perf.Target.Kind.CORRECTNESS;
import static org.gridgate.sim.perf.Target.Kind.PEER_RATIO;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every figure's target, in one place: DESIGN.md section 7 in code. {@code perf} judges each figure
 * it measured against this list, prints met or missed, and {@code perf --table} writes the table of
 * docs/performance.md from the same list. A new target is one more line here, e.g.
 * {@code atMost("bytes_written_per_passage", 16 * 1024, "B", ABSOLUTE, "bytes written to flash per passage")}
 * (the suite reports the figure in the target's unit with {@link PerfReport#add}).
 */
public final class Targets {
    public static final List<Target> ALL = List.of(
            atMost("decision_p99_ms", 5, "ms", ABSOLUTE, "decision latency p99, quiet machine"),
            atMost("decision_loaded_p99_ms", 5, "ms", ABSOLUTE, "decision p99 with another process keeping one core busy"),
            atLeast("journal_ratio_vs_sqlite", 0.80, "x", PEER_RATIO, "durable journal vs raw SQLite inserts, same durability"),
            atLeast("drain_ratio_vs_paho", 0.50, "x", PEER_RATIO, "backlog drain vs a bare Paho publisher, same run"),
            atMost("ready_s", 1.5, "s", ABSOLUTE, "start to READY, unit's JVM options"),
            atMost("rss_mb", 128, "MB", ABSOLUTE, "resident memory, demo running, -Xmx48m"),
            atLeast("sustained_passages_per_s_1core", 200, "1/s", ABSOLUTE, "sustained pipeline on one core"),
            atMost("sustained_lost", 0, "count", CORRECTNESS, "sustained pipeline: nothing lost"),
            atMost("qr_decode_640x480_p99_ms", 1000.0 / 15, "ms", ABSOLUTE, "camera decode 640x480 grey: >= 15 frames/s at p99"),
            atMost("soak_lost", 0, "count", CORRECTNESS, "soak: nothing lost"),
            atMost("bytes_written_per_passage", 16 * 1024, "B", ABSOLUTE, "bytes written to flash per passage"),
            atMost("soak_heap_growth_mb_per_1m", 1, "MB", ABSOLUTE, "soak: flat heap (live set growth per million passages)"));

    private static final Map<String, Target> BY_FIGURE = new LinkedHashMap<>();

    static {
        for (Target t : ALL) {
            if (BY_FIGURE.put(t.figure(), t) != null) {
                throw new ExceptionInInitializerError("two targets for " + t.figure());
            }
        }
    }

    private Targets() {}

    public static Optional<Target> of(String figure) {
        return Optional.ofNullable(BY_FIGURE.get(figure));
    }

    static Target atMost(String figure, double limit, String unit, Target.Kind kind, String source) {
        return new Target(figure, Target.Way.AT_MOST, limit, unit, kind, source);
    }

    static Target atLeast(String figure, double limit, String unit, Target.Kind kind, String source) {
        return new Target(figure, Target.Way.AT_LEAST, limit, unit, kind, source);
    }
}
