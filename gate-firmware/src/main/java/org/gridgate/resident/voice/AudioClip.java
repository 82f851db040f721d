package org.gridgate.resident.voice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** A prompt as 16-bit signed little-endian PCM, whatever the WAV file held. */
public record AudioClip(String name, AudioFormat format, byte[] pcm) {
    /** Reads a WAV (or AIFF/AU) file; community recordings in other PCM layouts are converted. */
    public static AudioClip read(String name, Path file) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat f = in.getFormat();
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, f.getSampleRate(), 16,
                    f.getChannels(), f.getChannels() * 2, f.getSampleRate(), false);
            try (AudioInputStream pcm = AudioSystem.getAudioInputStream(target, in)) {
                return new AudioClip(name, target, pcm.readAllBytes());
            }
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException(file + ": not a playable WAV file (" + e.getMessage() + ")", e);
        }
    }

    /** The clip at {@code percent} of its level. */
    public AudioClip atVolume(int percent) {
        if (percent >= 100) {
            return this;
        }
        byte[] out = new byte[pcm.length];
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int s = (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
            s = s * percent / 100;
            out[i] = (byte) s;
            out[i + 1] = (byte) (s >> 8);
        }
        return new AudioClip(name, format, out);
    }

    public double seconds() {
        return pcm.length / (double) format.getFrameSize() / format.getFrameRate();
    }

    /** A short sine tone: what plays in quiet hours instead of speech. */
    public static AudioClip tone(String name, double hz, int millis, int repeats) {
        float rate = 22_050f;
        int on = (int) (rate * millis / 1000);
        int gap = (int) (rate * 0.08);
        byte[] pcm = new byte[(on + gap) * repeats * 2];
        int k = 0;
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < on; i++, k += 2) {
                double fade = Math.min(1.0, Math.min(i, on - i) / (rate * 0.005)); // no clicks at the edges
                int s = (int) (Math.sin(2 * Math.PI * hz * i / rate) * 12_000 * fade);
                pcm[k] = (byte) s;
                pcm[k + 1] = (byte) (s >> 8);
            }
            k += gap * 2;
        }
        return new AudioClip(name, new AudioFormat(rate, 16, 1, true, false), pcm);
    }

    AudioInputStream stream() {
        return new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / format.getFrameSize());
    }
}
