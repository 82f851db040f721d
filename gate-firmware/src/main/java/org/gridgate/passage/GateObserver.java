package org.gridgate.passage;

import org.gridgate.device.DeviceStatus;
import org.gridgate.journal.JournalEntry;

/** Watches the gate (console, demo printer, status publisher). Called on the gate loop: must not block. */
public interface GateObserver {
    /** A decision was committed to the journal and acted on. {@code masked} is the display form or "-". */
    default void decided(Decision decision, JournalEntry entry, String masked) {}

    /** An alarm was raised and recorded (fever, device fault, storage). */
    default void alarm(String code, JournalEntry entry) {}

    /**
     * A decision could not be committed (card full or failing): {@code decision} is what the gate did
     * instead, an entry denied with {@link Reason#CANNOT_RECORD} or an exit let out unrecorded.
     */
    default void notRecorded(Decision decision, String masked) {}

    default void device(DeviceStatus status) {}

    /** The roster in force was replaced; {@code size} entries. */
    default void rosterReplaced(int size) {}
}
