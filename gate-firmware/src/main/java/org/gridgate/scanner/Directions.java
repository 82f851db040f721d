package org.gridgate.scanner;

import org.gridgate.config.ScannerConfig;
import org.gridgate.passage.Direction;

/** The configured direction of a scanner, in the rules' vocabulary. */
public final class Directions {
    private Directions() {}

    public static Direction of(ScannerConfig.Direction configured) {
        return switch (configured) {
            case ENTRY -> Direction.ENTRY;
            case EXIT -> Direction.EXIT;
        };
    }
}
