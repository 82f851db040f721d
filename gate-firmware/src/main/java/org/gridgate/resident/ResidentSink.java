package org.gridgate.resident;

/**
 * An output the resident follows: the display page, the LCD, the voice. Called on the output's own
 * delivery thread with the newest view only; a slow output skips views, it never delays the gate.
 */
public interface ResidentSink extends AutoCloseable {
    void show(ResidentView view);

    @Override
    default void close() {}
}
