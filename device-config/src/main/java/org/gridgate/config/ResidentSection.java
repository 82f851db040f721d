package org.gridgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.gridgate.config.ResidentConfig.Display;
import org.gridgate.config.ResidentConfig.Language;
import org.gridgate.config.ResidentConfig.Lcd;
import org.gridgate.config.ResidentConfig.QuietHours;
import org.gridgate.config.ResidentConfig.Voice;

/** Reads the {@code display:}, {@code lcd:} and {@code voice:} sections (docs/resident.md). */
final class ResidentSection {
    /** SPI0's data and clock lines (BCM); chip selects CE0 = 8, CE1 = 7. SPI1: MOSI 20, SCLK 21, CE 18/17/16. */
    private static final int[][] SPI_PINS = {{10, 11}, {20, 21}};
    private static final int[][] SPI_CE = {{8, 7}, {18, 17, 16}};

    private ResidentSection() {}

    static ResidentConfig read(Section top, Path base, Claims claims) {
        Optional<Display> display = top.optSection("display").flatMap(s -> finish(s, display(s)));
        Optional<Lcd> lcd = top.optSection("lcd").flatMap(s -> finish(s, lcd(s, claims)));
        Optional<Voice> voice = top.optSection("voice").flatMap(s -> finish(s, voice(s, base)));
        return new ResidentConfig(display, lcd, voice);
    }

    private static <T> Optional<T> finish(Section s, Optional<T> value) {
        s.finish();
        return value;
    }

    private static Optional<Display> display(Section s) {
        boolean enabled = s.bool("enabled", true);
        String bind = s.string("bind", "127.0.0.1");
        if (!bind.equals("127.0.0.1") && !bind.equals("::1") && !bind.equals("localhost")) {
            // No sign-in guards this page: only the terminal's own kiosk browser may reach it.
            s.problem("bind", "the resident display is served on loopback only (127.0.0.1 or ::1), got '" + bind + "'");
        }
        int port = (int) s.integer("port", 8090, 0, 65_535);
        Language language = s.choice("language", Language.class, Language.BOTH, false);
        long idleS = s.integer("idleAfterS", 6, 1, 120);
        return enabled ? Optional.of(new Display(bind, port, language, Duration.ofSeconds(idleS))) : Optional.empty();
    }

    private static Optional<Lcd> lcd(Section s, Claims claims) {
        boolean enabled = s.bool("enabled", true);
        Lcd.Type type = s.choice("type", Lcd.Type.class, Lcd.Type.ST7920, true);
        int bus = (int) s.integer("spiBus", 0, 0, 1);
        int cs = (int) s.integer("chipSelect", 0, 0, bus == 0 ? 1 : 2);
        int clock = (int) s.integer("clockHz", 500_000, 10_000, 1_000_000);
        if (enabled) {
            claims.pin(s, "spiBus", SPI_PINS[bus][0]);
            claims.pin(s, "spiBus", SPI_PINS[bus][1]);
            claims.pin(s, "chipSelect", SPI_CE[bus][cs]);
        }
        return enabled ? Optional.of(new Lcd(type, bus, cs, clock)) : Optional.empty();
    }

    private static Optional<Voice> voice(Section s, Path base) {
        boolean enabled = s.bool("enabled", true);
        Path dir = s.resolve("directory", s.string("directory", "/var/lib/gridgate/voice"), base);
        Language language = s.choice("language", Language.class, Language.ZH, false);
        int volume = (int) s.integer("volume", 80, 0, 100);
        Optional<QuietHours> quiet = s.optString("quietHours").flatMap(q -> quietHours(s, q));
        Voice.Output output = s.choice("output", Voice.Output.class, Voice.Output.AUTO, false);
        return enabled ? Optional.of(new Voice(dir, language, volume, quiet, output)) : Optional.empty();
    }

    private static Optional<QuietHours> quietHours(Section s, String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                LocalTime from = LocalTime.parse(parts[0]);
                LocalTime to = LocalTime.parse(parts[1]);
                if (!from.equals(to)) {
                    return Optional.of(new QuietHours(from, to));
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        s.problem("quietHours", "must be a span of local times like 22:00-07:00, got '" + text + "'");
        return Optional.empty();
    }
}
