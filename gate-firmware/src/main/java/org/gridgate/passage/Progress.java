package org.gridgate.passage;

import java.time.Instant;

/** Where the passage in progress stands, for the people in front of the gate. */
public record Progress(Stage stage, Direction direction, Instant at) {
    public enum Stage {
        /** A code was scanned; the gate gathers the rest. */
        CODE_READ,
        /** Waiting for a temperature reading: "hold your wrist or forehead at the thermometer". */
        MEASURING,
        /** The thermometer saw nobody (implausible reading): "step closer". */
        STEP_CLOSER,
        /** Everything but the mask is in: "please put on your mask". */
        WEAR_MASK
    }
}
