package org.gridgate.journal;

/** The journal could not commit (disk full, I/O error, closed). The gate must not act as if it had. */
public final class JournalException extends Exception {
    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
