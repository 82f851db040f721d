package org.gridgate.resident.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.gridgate.config.ResidentConfig;
import org.gridgate.device.DeviceStatus;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.Phrases;
import org.gridgate.resident.ResidentSink;
import org.gridgate.resident.ResidentView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks each view's prompt from the clips in the configured directory ({@code zh/KEY.wav},
 * {@code en/KEY.wav}) on a thread of its own. A newer view cuts off the prompt still playing. In
 * quiet hours only short tones play. A missing sound card or clip is reported as a device fault
 * (the volunteer sees it); it never touches a decision.
 */
public final class VoicePlayer implements ResidentSink {
    private static final Logger LOG = LoggerFactory.getLogger(VoicePlayer.class);
    public static final String DEVICE_ID = "voice";
    static final AudioClip TONE_GO = AudioClip.tone("tone.go", 1760, 150, 1);
    static final AudioClip TONE_STOP = AudioClip.tone("tone.stop", 440, 180, 2);

    private final ResidentConfig.Voice config;
    private final ClipOutput output;
    private final Consumer<DeviceStatus> status;
    private final Clock clock;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<List<AudioClip>> pending = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile String fault; // null while healthy

    public VoicePlayer(ResidentConfig.Voice config, ClipOutput output, Consumer<DeviceStatus> status, Clock clock) {
        this.config = config;
        this.output = output;
        this.status = status;
        this.clock = clock;
        this.thread = Thread.ofVirtual().name("resident-voice-player").start(this::run);
    }

    /** Never blocks: the clips are looked up and handed to the player thread, which drops the stale prompt. */
    @Override
    public void show(ResidentView view) {
        List<AudioClip> clips = clips(view);
        generation.incrementAndGet(); // whatever is playing is now stale, even if this view is silent
        pending.set(clips);
        LockSupport.unpark(thread);
    }

    private List<AudioClip> clips(ResidentView view) {
        if (quietNow()) {
            return switch (view.screen().tone()) {
                case GO -> List.of(TONE_GO);
                case STOP, ALERT -> view.screen().resting() ? List.of() : List.of(TONE_STOP);
                case WAIT, INFO -> List.of();
            };
        }
        List<AudioClip> out = new ArrayList<>();
        for (Phrase p : Phrases.prompt(view)) {
            for (String lang : languages()) {
                load(lang, p).ifPresent(out::add);
            }
        }
        return out;
    }

    private List<String> languages() {
        return switch (config.language()) {
            case ZH -> List.of("zh");
            case EN -> List.of("en");
            case BOTH -> List.of("zh", "en");
        };
    }

    private boolean quietNow() {
        return config.quietHours().map(q -> q.contains(LocalTime.now(clock))).orElse(false);
    }

    private Optional<AudioClip> load(String lang, Phrase p) {
        Path file = config.directory().resolve(lang).resolve(p.key() + ".wav");
        if (!Files.isRegularFile(file)) {
            fault("clip missing: " + file + " (render the clips: gridgate-gate.jar voice render --out "
                    + config.directory() + ")");
            return Optional.empty();
        }
        try {
            return Optional.of(AudioClip.read(lang + "/" + p.key(), file).atVolume(config.volume()));
        } catch (IOException e) {
            fault(e.getMessage());
            return Optional.empty();
        }
    }

    private void run() {
        while (!closed) {
            List<AudioClip> clips = pending.getAndSet(null);
            if (clips == null) {
                LockSupport.park(this);
                continue;
            }
            long mine = generation.get();
            for (AudioClip c : clips) {
                if (generation.get() != mine || closed) {
                    break;
                }
                try {
                    output.play(c, () -> generation.get() != mine || closed);
                    healthy();
                } catch (ClipOutput.SoundUnavailable e) {
                    fault(e.getMessage());
                    break;
                } catch (RuntimeException e) {
                    LOG.warn("voice: playing {} failed: {}", c.name(), e.toString());
                    break;
                }
            }
        }
    }

    private void fault(String reason) {
        if (!reason.equals(fault)) {
            fault = reason;
            LOG.warn("voice prompts: {}", reason);
            status.accept(DeviceStatus.fault(DEVICE_ID, reason, clock.instant()));
        }
    }

    private void healthy() {
        if (fault != null) {
            fault = null;
            status.accept(DeviceStatus.ok(DEVICE_ID, clock.instant()));
        }
    }

    @Override
    public void close() {
        closed = true;
        generation.incrementAndGet();
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.close();
    }
}
