package org.gridgate.passage;

/** How the gate runs; changed by a lead volunteer or a signed command, and recorded with who did it. */
public enum GateMode {
    /** The entrance rule for everyone on the roster. */
    NORMAL,
    /** Residents only: visitors are denied. */
    LOCKDOWN,
    /** The lock is held released; every passage is still recorded. */
    EMERGENCY_EGRESS,
    /** Closed to entry; exits allowed. */
    MAINTENANCE
}
