package org.gridgate.passage;

/** One of the entrance rule's checks, with its result and the reason for it. */
public record Check(Kind kind, boolean passed, Reason reason, String detail) {
    /**
     * The "four musts" as checks (identity asked, temperature measured, code green, mask worn) and
     * the movement rules (home quarantine, household exit quota, anti-passback).
     */
    public enum Kind {
        IDENTITY, TEMPERATURE, HEALTH_CODE, MASK, MOVEMENT,
        /** The gate itself: it could not record the decision, or its clock cannot be trusted. */
        GATE
    }

    public static Check pass(Kind kind, Reason reason, String detail) {
        return new Check(kind, true, reason, detail);
    }

    public static Check fail(Kind kind, Reason reason, String detail) {
        return new Check(kind, false, reason, detail);
    }
}
