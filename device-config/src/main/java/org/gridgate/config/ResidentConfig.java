package org.gridgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/**
 * What the gate shows and says to the person in front of it: the display page (for the terminal's
 * own screen), a character LCD for kits without one, and spoken prompts. Each is optional.
 */
public record ResidentConfig(Optional<Display> display, Optional<Lcd> lcd, Optional<Voice> voice) {
    public static final ResidentConfig NONE = new ResidentConfig(Optional.empty(), Optional.empty(), Optional.empty());

    /** Which language(s) a resident output uses: Simplified Chinese, English, or Chinese first then English. */
    public enum Language { ZH, EN, BOTH }

    /**
     * The full-screen resident page, served on loopback only (a kiosk browser on the same terminal shows it).
     *
     * @param port TCP port; 0 picks a free one (the simulator prints the URL)
     * @param idleAfter how long an answer stays on screen before the page returns to "please scan"
     */
    public record Display(String bind, int port, Language language, Duration idleAfter) {}

    /**
     * A 128x64 ST7920 LCD with its built-in GB2312 font, in serial mode on SPI.
     *
     * @param spiBus 0 for /dev/spidev0.x (the header's SPI0)
     * @param chipSelect 0 = CE0 (GPIO 8), 1 = CE1 (GPIO 7)
     * @param clockHz SPI clock; the ST7920 is safe up to 1 MHz
     */
    public record Lcd(Type type, int spiBus, int chipSelect, int clockHz) {
        public enum Type { ST7920 }
    }

    /**
     * Spoken prompts from WAV clips in {@code directory} ({@code zh/KEY.wav}, {@code en/KEY.wav}).
     *
     * @param volume 0-100 percent of the clip's own level
     * @param quietHours when present, only short tones play between {@code from} and {@code to} (local time)
     * @param output how clips reach the speaker: the JVM's sound API, {@code aplay}, or the first that works
     */
    public record Voice(Path directory, Language language, int volume, Optional<QuietHours> quietHours,
            Output output) {
        public enum Output { AUTO, JAVASOUND, APLAY }
    }

    /** A daily span in local time; {@code from} after {@code to} spans midnight (22:00-07:00). */
    public record QuietHours(LocalTime from, LocalTime to) {
        public boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }
}
