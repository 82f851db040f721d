package org.gridgate.passage;

/**
 * Which way a person passes the gate: the rules' own word for it (exit quota, anti-passback,
 * quarantine exits). Scanners are configured with a direction; their adapters map it onto this.
 */
public enum Direction {
    ENTRY,
    EXIT
}
