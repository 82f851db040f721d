package org.gridgate.scanner.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.config.ScannerConfig;
import org.gridgate.config.ScannerConfig.Trigger;
import org.gridgate.config.Transport;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.testing.Await;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

/** The trigger command sets, against a module played on the far end of an in-process pipe. */
class SerialScannerTriggerTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<ScannedCode> codes = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final DeviceListener<ScannedCode> listener = new DeviceListener<>() {
        @Override
        public void accept(ScannedCode value) {
            codes.add(value);
        }

        @Override
        public void status(DeviceStatus status) {
            statuses.add(status);
        }
    };

    static ScannerConfig config(Trigger trigger) {
        return new ScannerConfig("scan-1", ScannerConfig.Direction.ENTRY, Transport.SERIAL, "pipe", 9600,
                ScannerConfig.Terminator.CR, 4096, trigger, 0, true);
    }

    static byte[] expect(PipeLink device, int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[n];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a deadline, not a pace
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = device.read(buf);
            got.write(buf, 0, Math.min(r, n - got.size()));
        }
        return got.toByteArray();
    }

    @Test
    void gm65IsPutInCommandModeThenTriggeredAndReArmedAfterEachCode() throws Exception {
        PipeLink[] pipe = PipeLink.pair("gm65");
        PipeLink device = pipe[1];
        SerialScanner scanner = new SerialScanner(config(Trigger.GM65), (port, baud) -> pipe[0], clock, scheduler);
        scanner.start(listener);
        assertArrayEquals(Gm65.readZone(0), expect(device, 9));
        device.write(new byte[] {0x02, 0x00, 0x00, 0x01, (byte) 0xD6, 0x33, 0x31}); // continuous mode, LED on...
        assertArrayEquals(Gm65.writeZone(0, 0xD5), expect(device, 9));
        device.write(new byte[] {0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31});
        assertArrayEquals(Gm65.trigger(), expect(device, 9));
        device.write(new byte[] {0x02, 0x00, 0x00, 0x01, 0x00, 0x33, 0x31});
        device.write("HC1:6BFOXN\r".getBytes(StandardCharsets.US_ASCII));
        Await.until(Duration.ofSeconds(30), "a code", () -> codes.size() == 1);
        assertEquals("HC1:6BFOXN", codes.get(0).text(), "the trigger's acknowledgement is not part of the code");
        assertArrayEquals(Gm65.trigger(), expect(device, 9), "re-armed after the code");
        scheduler.advance(ScanTrigger.REARM_EVERY);
        assertArrayEquals(Gm65.trigger(), expect(device, 9), "re-armed periodically");
        assertTrue(statuses.stream().allMatch(DeviceStatus::isOk), statuses.toString());
        scanner.close();
    }

    @Test
    void gm65ThatNeverAnswersIsAFault() throws Exception {
        PipeLink[] pipe = PipeLink.pair("gm65");
        SerialScanner scanner = new SerialScanner(config(Trigger.GM65), (port, baud) -> pipe[0], clock, scheduler);
        scanner.start(listener);
        assertArrayEquals(Gm65.readZone(0), expect(pipe[1], 9));
        scheduler.advance(ScanTrigger.REPLY_TIMEOUT);
        DeviceStatus last = statuses.get(statuses.size() - 1);
        assertEquals(DeviceStatus.State.FAULT, last.state());
        assertTrue(last.reason().contains("no reply from the GM65"), last.reason());
        scanner.close();
    }

    @Test
    void honeywellIsTriggeredAtOpenAfterEachCodeAndUntriggeredAtClose() throws Exception {
        PipeLink[] pipe = PipeLink.pair("hw");
        PipeLink device = pipe[1];
        SerialScanner scanner = new SerialScanner(config(Trigger.HONEYWELL), (port, baud) -> pipe[0], clock,
                scheduler);
        scanner.start(listener);
        assertArrayEquals(new byte[] {0x16, 0x54, 0x0D}, expect(device, 3));
        device.write("ABC\r".getBytes(StandardCharsets.US_ASCII));
        Await.until(Duration.ofSeconds(30), "a code", () -> codes.size() == 1);
        assertArrayEquals(new byte[] {0x16, 0x54, 0x0D}, expect(device, 3));
        scanner.trigger();
        assertArrayEquals(new byte[] {0x16, 0x54, 0x0D}, expect(device, 3));
        scanner.close();
        assertArrayEquals(new byte[] {0x16, 0x55, 0x0D}, expect(device, 3));
    }
}
