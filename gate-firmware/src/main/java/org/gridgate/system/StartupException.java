package org.gridgate.system;

/** The gate cannot start; the message says why in words for a technician, and the exit code fits. */
public final class StartupException extends Exception {
    private final int exitCode;

    public StartupException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
