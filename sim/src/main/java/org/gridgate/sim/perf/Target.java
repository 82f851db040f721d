package org.gridgate.sim.perf;

import java.util.Locale;

/**
 * What one figure must reach, which way, and why. Every target lives in {@link Targets}; a figure
 * without one is reported but not judged.
 *
 * @param figure the figure's name, as a suite reports it
 * @param way whether the figure must stay at or under the limit, or reach it
 * @param limit the limit, in {@code unit}
 * @param unit the unit the figure is reported in (a figure in another unit is an error)
 * @param kind what a miss means (see {@link Kind})
 * @param source where the target comes from (DESIGN.md section 7 row), for the table and the log
 */
public record Target(String figure, Way way, double limit, String unit, Kind kind, String source) {
    public enum Way {
        AT_MOST("<="),
        AT_LEAST(">=");

        final String symbol;

        Way(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * How far a miss can be blamed on the machine. A regression gate on a shared machine holds
     * {@code CORRECTNESS} always, and the others only where the machine is the reference one.
     */
    public enum Kind {
        /** Lost or duplicated records: no machine excuses a miss. */
        CORRECTNESS,
        /** A ratio against a peer measured in the same run: robust to the machine, less so to noise. */
        PEER_RATIO,
        /** Latency, rate or memory: depends on the machine and on what else runs on it. */
        ABSOLUTE
    }

    public Target {
        if (!figure.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("figure names are lower_snake_case: " + figure);
        }
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("a target's limit must be a number: " + figure);
        }
    }

    /** Met when the value is on the right side of the limit (the limit itself included); NaN never is. */
    public boolean met(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        return way == Way.AT_MOST ? value <= limit : value >= limit;
    }

    /** E.g. {@code <= 5 ms}. */
    public String describe() {
        return way.symbol + " " + Figure.format(limit) + ("x".equals(unit) || "count".equals(unit) ? "" : " " + unit);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s (%s)", figure, describe(), kind);
    }
}
