package org.gridgate.passage;

import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.JournalEntry;

/** Watches the gate (console, demo printer, status publisher). Called on the gate loop: must not block. */
public interface GateObserver {
    /** A decision was committed to the journal and acted on. {@code masked} is the display form or "-". */
    default void decided(Decision decision, JournalEntry entry, String masked) {}

    /** An alarm was raised and recorded (fever, device fault, storage). */
    default void alarm(String code, JournalEntry entry) {}

    default void device(DeviceStatus status) {}

    /** The roster in force was replaced; {@code size} entries. */
    default void rosterReplaced(int size) {}

    /** The passage in progress moved on: code read, measuring, step closer, mask prompt. */
    default void progressed(Progress progress) {}

    /** The gate's mode changed (lockdown, maintenance, emergency egress, back to normal). */
    default void modeChanged(GateMode mode) {}

    /** A decision could not be committed to the journal: nobody passes until it can be. */
    default void notRecorded(Decision decision) {}
}
