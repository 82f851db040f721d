package org.gridgate.journal;

/** What a journal record is about; each kind is published on its own topic. */
public enum RecordKind {
    /** A decision on a person at the gate. */
    PASSAGE,
    /** Something a volunteer or the server must look at: fever, door, device fault, storage. */
    ALARM,
    /** Something that happened without a person deciding: mode change, exit button, manual open. */
    EVENT;

    /** The topic level this kind is published under. */
    public String topicLevel() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
