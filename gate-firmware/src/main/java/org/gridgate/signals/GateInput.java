package org.gridgate.signals;

import java.time.Instant;

/** A debounced change of a digital input at the gate. */
public record GateInput(Kind kind, boolean asserted, Instant at) {
    public enum Kind {
        /** Door contact; asserted = door open. */
        DOOR_OPEN,
        /** Exit button pressed (egress request). */
        EXIT_REQUEST,
        /** Mask detector or volunteer mask button; asserted = mask seen. */
        MASK_PRESENT
    }
}
