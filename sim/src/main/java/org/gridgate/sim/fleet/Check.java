package org.gridgate.sim.fleet;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gridgate.sim.server.jetstream.RecordStore;

/** Compares the server's store with every gate's journal after the drain. */
final class Check {
    private Check() {}

    static long count(RecordStore store) {
        try {
            return store.count();
        } catch (SQLException e) {
            return -1; // busy: the next poll tries again
        }
    }

    static FleetResult result(List<FleetGate> gates, RecordStore store, List<Long> failoverNanos, List<String> problems)
            throws SQLException {
        Map<String, RecordStore.GateRange> ranges = store.ranges();
        long records = 0;
        long delivered = 0;
        long lost = 0;
        List<String> found = new ArrayList<>(problems);
        for (FleetGate g : gates) {
            long last = g.lastSeq();
            records += last;
            RecordStore.GateRange r = ranges.get(g.id());
            long held = r == null ? 0 : r.count();
            delivered += held;
            lost += Math.max(0, last - held);
            if (r != null && (r.minSeq() != 1 || r.maxSeq() != last || r.missing() != 0)) {
                found.add(g.id() + ": store holds seq " + r.minSeq() + ".." + r.maxSeq() + " with " + r.missing()
                        + " missing; journal has 1.." + last);
            }
        }
        List<Double> seconds = failoverNanos.stream().map(n -> n / 1e9).toList();
        return new FleetResult(gates.size(), records, delivered, lost, store.doubleCounted(), seconds,
                found.size() > 20 ? found.subList(0, 20) : found);
    }

    /** "server: ..." — how the workers shared the records, and the copies dedup dropped. */
    static String consumerLine(RecordStore store) throws SQLException {
        StringBuilder b = new StringBuilder("server:");
        for (Map.Entry<String, long[]> e : store.tally().entrySet()) {
            b.append(' ').append(e.getKey()).append(" stored ").append(e.getValue()[0]).append(" (dropped ")
                    .append(e.getValue()[1]).append(" copies);");
        }
        b.append(" rejected ").append(store.rejectedCount());
        return b.toString();
    }
}
