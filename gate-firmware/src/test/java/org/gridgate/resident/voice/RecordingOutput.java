package org.gridgate.resident.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** Records what was played, in order; a played clip is its name, a cut-off one "NAME (cut)". */
public final class RecordingOutput implements ClipOutput {
    public final List<String> played = new CopyOnWriteArrayList<>();
    private volatile boolean blockNext;
    /** True while a held clip is playing. */
    public volatile boolean holding;
    private volatile boolean broken;

    /** The next clip plays until a newer prompt makes it stale (a long clip, in effect). */
    public void holdNext() {
        blockNext = true;
    }

    /** From now on there is no sound card. */
    public void unplug() {
        broken = true;
    }

    @Override
    public boolean play(AudioClip clip, BooleanSupplier stale) throws SoundUnavailable {
        if (broken) {
            throw new SoundUnavailable("no sound card", null);
        }
        if (blockNext) {
            blockNext = false;
            holding = true;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!stale.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("held clip was never cut off");
                }
                Thread.onSpinWait();
            }
            holding = false;
            played.add(clip.name() + " (cut)");
            return false;
        }
        played.add(clip.name());
        return true;
    }
}
