package org.gridgate.resident.voice;

import java.util.function.BooleanSupplier;

/** Where prompts are heard: the sound card, {@code aplay}, a WAV file, a test's recording. */
public interface ClipOutput extends AutoCloseable {
    /**
     * Plays {@code clip} to its end, or stops early (within a few tens of milliseconds) once
     * {@code stale} turns true. Returns false when it was cut off.
     *
     * @throws SoundUnavailable when there is nothing to play on (no sound card, no aplay)
     */
    boolean play(AudioClip clip, BooleanSupplier stale) throws SoundUnavailable;

    @Override
    default void close() {}

    /** The output device is missing or broken: a device fault for the volunteer, never a reason to deny. */
    final class SoundUnavailable extends Exception {
        public SoundUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
