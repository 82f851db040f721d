package org.gridgate.sim.scenario;

import java.io.OutputStream;
import java.io.PrintStream;

final class PrintStreams {
    /** Swallows everything: progress for runs too short to show it. */
    static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    private PrintStreams() {}
}
