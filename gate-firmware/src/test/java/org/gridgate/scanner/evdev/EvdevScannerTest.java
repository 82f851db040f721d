package org.gridgate.scanner.evdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.Transport;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.testing.Await;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libc link and the scanner on a recorded stream in a file: the same read path as a device node. */
class EvdevScannerTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<ScannedCode> codes = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();

    static ScannerConfig config(Path port, boolean grab) {
        return new ScannerConfig("usb-1", ScannerConfig.Direction.EXIT, Transport.EVDEV, port.toString(), 0,
                ScannerConfig.Terminator.CR, 4096, ScannerConfig.Trigger.NONE, 0, grab);
    }

    @Test
    void readsCodesFromARecordedStream(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "recording is little-endian");
        int size = EvdevDecoder.nativeRecordSize();
        Path f = dir.resolve("event-kbd");
        Files.write(f, EvdevDecoderTest.hc1(size).stroke(2).stroke(28).bytes());
        EvdevScanner s = EvdevScanner.linux(config(f, false), clock, scheduler);
        s.start(new DeviceListener<>() {
            @Override
            public void accept(ScannedCode value) {
                codes.add(value);
            }

            @Override
            public void status(DeviceStatus status) {
                statuses.add(status);
            }
        });
        try {
            Await.until(Duration.ofSeconds(30), "two codes", () -> codes.size() == 2);
            assertEquals(List.of("HC1:a/B", "1"), codes.stream().map(ScannedCode::text).toList());
            assertEquals(org.gridgate.passage.Direction.EXIT, codes.get(0).direction());
            assertTrue(statuses.get(0).isOk());
        } finally {
            s.close();
        }
    }

    @Test
    void grabbingSomethingThatIsNotAnInputDeviceFailsClearly(@TempDir Path dir) throws Exception {
        Path f = Files.write(dir.resolve("not-a-device"), new byte[24]);
        IOException e = assertThrows(IOException.class, () -> EvdevLink.open(f.toString(), true));
        assertTrue(e.getMessage().startsWith("cannot grab " + f + " (EVIOCGRAB)"), e.getMessage());
        IOException missing = assertThrows(IOException.class, () -> EvdevLink.open(dir + "/gone", false));
        assertTrue(missing.getMessage().contains("No such file or directory"), missing.getMessage());
    }
}
