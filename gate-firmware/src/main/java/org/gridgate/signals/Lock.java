package org.gridgate.signals;

import java.time.Duration;

/**
 * The door lock. The daemon may add an unlock, never prevent egress: hardware exit buttons and fire
 * release act on the lock directly.
 */
public interface Lock extends AutoCloseable {
    /** Releases the lock for {@code duration}, then returns it to locked. A new release extends the time. */
    void release(Duration duration);

    /** Locks for normal operation, cancelling any pending release. */
    void secure();

    /** Holds the lock released until {@link #secure()} or {@link #toSafeState()} (emergency egress). */
    void holdReleased();

    /** Drives the configured safe state now, cancelling any pending release. */
    void toSafeState();

    boolean isReleased();

    /** Puts the lock in its safe state and frees the pin. */
    @Override
    void close();
}
