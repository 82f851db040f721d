package org.gridgate.resident.lcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gridgate.config.ResidentConfig;
import org.gridgate.passage.Direction;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ST7920 driver through Pi4J's mock SPI: the exact bytes, and the controller's waits as scheduled time. */
class St7920Test {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final Context pi4j = Pi4J.newContextBuilder().add(MockSpiProvider.newInstance()).build();
    final LcdSink sink = LcdSink.open(pi4j, new ResidentConfig.Lcd(ResidentConfig.Lcd.Type.ST7920, 0, 0, 500_000),
            scheduler);
    final MockSpi spi = (MockSpi) pi4j.registry().get("lcd");
    final ByteArrayOutputStream all = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        pi4j.shutdown();
    }

    private String written() {
        all.writeBytes(spi.readEntireMockBuffer());
        return HexFormat.ofDelimiter(" ").formatHex(all.toByteArray());
    }

    private static ResidentView view(Screen s, Optional<Double> temperature) {
        return new ResidentView(1, s, Instant.EPOCH, Optional.of(Direction.ENTRY), List.of(), temperature,
                Optional.empty());
    }

    @Test
    void initialisesAfterPowerOnThenWritesEachRowAtItsDdramAddress() {
        sink.show(view(Screen.GRANTED, Optional.of(36.5)));
        scheduler.advance(Duration.ofMillis(39));
        assertEquals("", written(), "nothing before the 40 ms power-on time");
        scheduler.advance(Duration.ofMillis(1));
        assertEquals("f8 30 00", written(), "function set, then a 72 us wait");
        scheduler.advance(Duration.ofNanos(71_000));
        assertEquals("f8 30 00", written());
        scheduler.advance(Duration.ofNanos(1_000));
        assertEquals("f8 30 00 f8 30 00", written());
        scheduler.advance(Duration.ofNanos(144_000));
        assertEquals("f8 30 00 f8 30 00 f8 00 c0 f8 00 10", written(), "display on, then clear");
        scheduler.advance(Duration.ofNanos(1_599_000));
        assertEquals("f8 30 00 f8 30 00 f8 00 c0 f8 00 10", written(), "the clear takes 1.6 ms");
        scheduler.advance(Duration.ofNanos(1_000));
        assertTrue(written().endsWith("f8 00 10 f8 00 60"), "entry mode after the clear");
        scheduler.advance(Duration.ofSeconds(1));
        assertFalse(sink.busy());

        String init = "f8 30 00 f8 30 00 f8 00 c0 f8 00 10 f8 00 60 ";
        // 请通行 = C7EB CDA8 D0D0 in GB2312; 验证通过 on row 3 (detail); 体温：36.5℃ on row 2 (℃ lands on an even column).
        String expected = init + "f8 80 00 " + data("c7 eb cd a8 d0 d0" + " 20".repeat(10))
                + "f8 90 00 " + data("cc e5 ce c2 a3 ba 33 36 2e 35 a1 e6" + " 20".repeat(4))
                + "f8 80 80 " + data("d1 e9 d6 a4 cd a8 b9 fd" + " 20".repeat(8))
                + "f8 90 80 " + data("20 ".repeat(16));
        assertEquals(expected.trim(), written());
    }

    /** Each data byte as its three-byte transfer: FA, high nibble, low nibble shifted up. */
    private static String data(String hex) {
        StringBuilder sb = new StringBuilder();
        for (byte b : HexFormat.ofDelimiter(" ").parseHex(hex.trim())) {
            sb.append(String.format("fa %02x %02x ", b & 0xF0, (b << 4) & 0xF0));
        }
        return sb.toString();
    }

    @Test
    void aNewerScreenReplacesWhatIsStillQueuedOfTheOlderOne() {
        sink.show(view(Screen.MEASURING, Optional.empty()));
        scheduler.advance(Duration.ofMillis(42)); // init, the first row's address and one data byte out
        assertTrue(sink.busy());
        sink.show(view(Screen.GRANTED, Optional.empty()));
        scheduler.advance(Duration.ofSeconds(1));
        String out = written();
        String granted = "f8 80 00 " + data("c7 eb cd a8 d0 d0" + " 20".repeat(10));
        assertTrue(out.endsWith(granted + "f8 90 00 " + data("d1 e9 d6 a4 cd a8 b9 fd" + " 20".repeat(8))
                + "f8 80 80 " + data("20 ".repeat(16)) + "f8 90 80 " + data("20 ".repeat(16)).trim()), out);
        // 请测体温 (C7EB B2E2 CCE5 CEC2) started at row 0 but the rest of that screen never went out
        assertTrue(out.contains("f8 80 00 fa c0 70 f8 80 00"), "请 (C7) of 请测体温 went out, then the newer screen");
        assertEquals(2, count(out, "f8 80 00"), "row 0 started twice: once per screen");
        assertEquals(1, count(out, "f8 90 80"), "only the newer screen reached the last row (0x98)");
    }

    private static int count(String s, String sub) {
        return (s.length() - s.replace(sub, "").length()) / sub.length();
    }
}
