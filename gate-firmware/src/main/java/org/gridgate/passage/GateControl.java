package org.gridgate.passage;


/**
 * What people may do to the gate beyond presenting themselves: volunteers at the console, the
 * community server by signed command. Every action is recorded in the journal with who did it.
 * Calls return at once; the gate loop carries them out in order.
 */
public interface GateControl {
    /** Releases the lock once for the policy's release time. {@code reason} must not be blank. */
    void manualOpen(String actor, String reason);

    void setMode(String actor, GateMode mode);

    /**
     * Starts a passage for a roster member without a phone: the volunteer vouches for the identity
     * instead of a health code; temperature and mask are still measured.
     */
    void assistedPass(String volunteer, String subject, Direction direction);

    /** A volunteer saw the mask (where policy allows confirmation by hand). */
    void confirmMask(String volunteer);

    /** Marks an alarm (by its journal sequence number) as seen by this volunteer. */
    void acknowledgeAlarm(String volunteer, long alarmSeq);

    /** A consistent view of the gate's state, taken on the loop thread. */
    GateSnapshot snapshot();
}
