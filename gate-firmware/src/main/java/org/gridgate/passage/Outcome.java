package org.gridgate.passage;

/** What the gate did with a passage. */
public enum Outcome { GRANTED, DENIED }
