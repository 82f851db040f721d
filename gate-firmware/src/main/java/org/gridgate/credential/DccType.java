package org.gridgate.credential;

/** The kind of statement an EU Digital COVID Certificate carries, by its payload array key. */
public enum DccType {
    VACCINATION("v"),
    TEST("t"),
    RECOVERY("r");

    private final String payloadKey;

    DccType(String payloadKey) {
        this.payloadKey = payloadKey;
    }

    /** The key of the entry array in the DCC payload ("v", "t" or "r"). */
    public String payloadKey() {
        return payloadKey;
    }
}
