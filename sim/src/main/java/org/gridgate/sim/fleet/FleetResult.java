package org.gridgate.sim.fleet;

import java.util.List;
import java.util.Locale;

/**
 * What a fleet run found.
 *
 * @param records records the gates journaled
 * @param delivered distinct records in the server's store
 * @param lost records journaled but not in the store
 * @param duplicated records counted twice in the store although it deduplicates (one gate and seq under two ids)
 * @param failoverSeconds per gate that was on the killed node: kill to first acknowledgement by another node
 */
public record FleetResult(int gates, long records, long delivered, long lost, long duplicated,
        List<Double> failoverSeconds, List<String> problems) {
    public FleetResult {
        failoverSeconds = failoverSeconds.stream().sorted().toList();
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return lost == 0 && duplicated == 0 && problems.isEmpty();
    }

    /** Nearest-rank percentile of the failover times, or NaN without any. */
    public double failover(double percentile) {
        if (failoverSeconds.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * failoverSeconds.size());
        return failoverSeconds.get(Math.max(0, Math.min(failoverSeconds.size() - 1, rank - 1)));
    }

    public String failoverLine() {
        if (failoverSeconds.isEmpty()) {
            return "failover: no gate was on a killed node";
        }
        return String.format(Locale.ROOT, "failover: %d gates moved to another node; p50 %.2f s, p99 %.2f s, max %.2f s",
                failoverSeconds.size(), failover(50), failover(99), failoverSeconds.getLast());
    }

    /** The one summary line the command ends with. */
    public String line() {
        String p99 = failoverSeconds.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", failover(99));
        return "fleet: " + gates + " gates, " + records + " records, " + delivered + " delivered, " + lost + " lost, "
                + duplicated + " duplicated, failover p99 " + p99 + " s";
    }
}
