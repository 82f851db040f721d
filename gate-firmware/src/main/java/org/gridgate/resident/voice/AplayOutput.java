package org.gridgate.resident.voice;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Plays through ALSA's {@code aplay}, for JVMs that find no mixer (headless builds, some ARM
 * images). Raw PCM on its stdin; a stale prompt kills the process.
 */
public final class AplayOutput implements ClipOutput {
    private final String device;

    /** @param device an ALSA device name such as {@code default} or {@code plughw:1,0} */
    public AplayOutput(String device) {
        this.device = device;
    }

    @Override
    public boolean play(AudioClip clip, BooleanSupplier stale) throws SoundUnavailable {
        Process p;
        try {
            p = new ProcessBuilder(List.of("aplay", "-q", "-D", device, "-t", "raw", "-f", "S16_LE", "-r",
                    Integer.toString((int) clip.format().getSampleRate()), "-c",
                    Integer.toString(clip.format().getChannels()), "-"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SoundUnavailable("aplay not available: " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            byte[] pcm = clip.pcm();
            int piece = 4096;
            for (int off = 0; off < pcm.length; off += piece) {
                if (stale.getAsBoolean()) {
                    p.destroy();
                    return false;
                }
                in.write(pcm, off, Math.min(piece, pcm.length - off));
            }
        } catch (IOException e) {
            p.destroy();
            throw new SoundUnavailable("aplay stopped: " + e.getMessage(), e);
        }
        try {
            while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
                if (stale.getAsBoolean()) {
                    p.destroy();
                    return false;
                }
            }
        } catch (InterruptedException e) {
            p.destroy();
            Thread.currentThread().interrupt();
            return false;
        }
        if (p.exitValue() != 0) {
            throw new SoundUnavailable("aplay failed (exit " + p.exitValue() + "): no sound card on " + device, null);
        }
        return true;
    }
}
