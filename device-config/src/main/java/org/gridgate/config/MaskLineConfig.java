package org.gridgate.config;

/**
 * A mask detector that reports over a serial line: one line per change, {@code present} when it
 * sees a mask, {@code absent} when it sees a face without one (compared ignoring case and
 * surrounding blanks). Any other line is ignored and logged.
 */
public record MaskLineConfig(String id, String port, int baud, ScannerConfig.Terminator terminator, String present,
        String absent) {
    public static final String DEFAULT_ID = "mask-line";
}
