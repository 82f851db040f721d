package org.gridgate.resident.voice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Collects what would have been played into one WAV file, with a short pause between clips, so a
 * technician can listen to a whole sequence of prompts away from the gate. Keeps the names in order.
 */
public final class WavFileOutput implements ClipOutput {
    private final Path file;
    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private final List<String> played = new ArrayList<>();
    private AudioFormat format;

    public WavFileOutput(Path file) {
        this.file = file;
    }

    @Override
    public synchronized boolean play(AudioClip clip, BooleanSupplier stale) {
        if (format == null) {
            format = clip.format();
        } else if (!format.matches(clip.format())) {
            throw new IllegalArgumentException(clip.name() + " is " + clip.format() + ", the file is " + format
                    + ": record the clips in one format");
        }
        played.add(clip.name());
        pcm.writeBytes(clip.pcm());
        pcm.writeBytes(new byte[(int) (format.getFrameRate() * 0.3) * format.getFrameSize()]);
        return true;
    }

    public synchronized List<String> played() {
        return List.copyOf(played);
    }

    /** Writes the file; nothing is written when no clip played. */
    public synchronized void write() throws IOException {
        if (format == null) {
            return;
        }
        byte[] b = pcm.toByteArray();
        try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(b), format,
                b.length / format.getFrameSize())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }
}
