package org.gridgate.resident.voice;

import java.util.function.BooleanSupplier;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/** Plays through {@code javax.sound.sampled} (ALSA on Linux), in 20 ms pieces so a newer prompt cuts in fast. */
public final class JavaSoundOutput implements ClipOutput {
    @Override
    public boolean play(AudioClip clip, BooleanSupplier stale) throws SoundUnavailable {
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(clip.format());
            line.open(clip.format());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new SoundUnavailable("no sound output: " + e.getMessage(), e);
        }
        try {
            line.start();
            int piece = Math.max(clip.format().getFrameSize(),
                    (int) (clip.format().getFrameRate() * 0.02) * clip.format().getFrameSize());
            byte[] pcm = clip.pcm();
            for (int off = 0; off < pcm.length; off += piece) {
                if (stale.getAsBoolean()) {
                    line.flush();
                    return false;
                }
                line.write(pcm, off, Math.min(piece, pcm.length - off));
            }
            line.drain();
            return true;
        } finally {
            line.close();
        }
    }
}
