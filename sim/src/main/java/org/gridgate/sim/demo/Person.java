package org.gridgate.sim.demo;

/**
 * Someone the demo presents at the gate: what they scan, what the thermometer reads, whether a mask
 * is seen, and what the demo expects the gate to say (for the summary, not for the gate).
 */
record Person(Kind kind, String code, double skinC, double ambientC, boolean mask, String subject) {
    enum Kind {
        RESIDENT, VISITOR, FEVER, YELLOW, RED, NO_MASK, UNKNOWN, BARRED, EXPIRED, FORGED, GARBAGE,
        EXIT, EXIT_SAME_HOUSEHOLD, QUARANTINE_EXIT, ASSISTED, LOCKDOWN_VISITOR, MAINTENANCE, WALKS_AWAY;

        boolean exit() {
            return this == EXIT || this == EXIT_SAME_HOUSEHOLD || this == QUARANTINE_EXIT;
        }
    }
}
