package org.gridgate.system;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import org.gridgate.config.GateConfig;
import org.gridgate.config.GpioConfig;
import org.gridgate.config.ResidentConfig;
import org.gridgate.device.DeviceStatus;
import org.gridgate.passage.GateLoop;
import org.gridgate.resident.ResidentStream;
import org.gridgate.resident.http.DisplayServer;
import org.gridgate.resident.lcd.LcdSink;
import org.gridgate.resident.voice.AplayOutput;
import org.gridgate.resident.voice.ClipOutput;
import org.gridgate.resident.voice.JavaSoundOutput;
import org.gridgate.resident.voice.VoicePlayer;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires what the resident sees and hears to the gate loop: one {@link ResidentStream} observing the
 * loop, and the display page, the LCD and the voice following it. An output that cannot start is a
 * device fault the volunteer sees; the gate runs on without it.
 */
public final class ResidentOutputs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResidentOutputs.class);
    static final Duration DEFAULT_IDLE = Duration.ofSeconds(6);

    private final ResidentStream stream;
    private final Optional<DisplayServer> display;
    private final List<Context> contexts;

    private ResidentOutputs(ResidentStream stream, Optional<DisplayServer> display, List<Context> contexts) {
        this.stream = stream;
        this.display = display;
        this.contexts = contexts;
    }

    /** Builds the outputs the config names and starts following {@code loop}; nothing configured, nothing runs. */
    public static ResidentOutputs start(GateConfig config, GateLoop loop, Clock clock, Scheduler scheduler) {
        ResidentConfig rc = config.resident();
        Consumer<DeviceStatus> status = loop.inputListener()::status;
        Duration idle = rc.display().map(ResidentConfig.Display::idleAfter).orElse(DEFAULT_IDLE);
        ResidentStream stream = new ResidentStream(clock, scheduler, idle,
                Set.of(VoicePlayer.DEVICE_ID, "lcd", "display"));
        Optional<DisplayServer> display = Optional.empty();
        List<Context> contexts = new ArrayList<>();
        if (rc.display().isPresent()) {
            try {
                DisplayServer d = DisplayServer.start(rc.display().get());
                stream.attach("display", d);
                display = Optional.of(d);
            } catch (IOException e) {
                status.accept(DeviceStatus.fault("display", "cannot serve the resident display: " + e.getMessage(),
                        clock.instant()));
            }
        }
        rc.lcd().ifPresent(lcd -> {
            Context pi4j = config.gpio().provider() == GpioConfig.Provider.MOCK
                    ? Pi4J.newContextBuilder().add(MockSpiProvider.newInstance()).build()
                    : Pi4J.newContextBuilder().add(LinuxFsSpiProvider.newInstance()).build();
            contexts.add(pi4j);
            try {
                stream.attach("lcd", LcdSink.open(pi4j, lcd, scheduler));
            } catch (RuntimeException e) {
                status.accept(DeviceStatus.fault("lcd", "cannot open SPI " + lcd.spiBus() + "." + lcd.chipSelect()
                        + ": " + e.getMessage(), clock.instant()));
            }
        });
        rc.voice().ifPresent(v -> stream.attach("voice", new VoicePlayer(v, output(v), status, clock)));
        loop.addObserver(stream);
        return new ResidentOutputs(stream, display, contexts);
    }

    /** The sound output the config asks for; AUTO takes the JVM's mixer when it has one, else aplay. */
    static ClipOutput output(ResidentConfig.Voice v) {
        return switch (v.output()) {
            case JAVASOUND -> new JavaSoundOutput();
            case APLAY -> new AplayOutput("default");
            case AUTO -> {
                AudioFormat f = new AudioFormat(22_050f, 16, 1, true, false);
                boolean mixer = AudioSystem.isLineSupported(new DataLine.Info(SourceDataLine.class, f));
                LOG.info("voice prompts through {}", mixer ? "javax.sound.sampled" : "aplay");
                yield mixer ? new JavaSoundOutput() : new AplayOutput("default");
            }
        };
    }

    public ResidentStream stream() {
        return stream;
    }

    public Optional<URI> displayUrl() {
        return display.map(DisplayServer::url);
    }

    public Optional<DisplayServer> display() {
        return display;
    }

    @Override
    public void close() {
        stream.close();
        contexts.forEach(Context::shutdown);
    }
}
