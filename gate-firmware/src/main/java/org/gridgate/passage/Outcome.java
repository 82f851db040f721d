package org.gridgate.passage;

/** What the gate did with a passage. */
public enum Outcome {
    GRANTED,
    DENIED,
    /** The window ended before the person gave what the rule needs: recorded, no alarm, lock stays shut. */
    INCOMPLETE
}
