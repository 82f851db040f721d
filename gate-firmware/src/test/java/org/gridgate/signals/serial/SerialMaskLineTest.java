package org.gridgate.signals.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.config.MaskLineConfig;
import org.gridgate.config.ScannerConfig;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.signals.GateInput;
import org.gridgate.system.logging.Logging;
import org.gridgate.testing.Await;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

/** The serial mask detector, played on the far end of an in-process pipe. */
class SerialMaskLineTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<GateInput> inputs = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
    final DeviceListener<GateInput> listener = new DeviceListener<>() {
        @Override
        public void accept(GateInput value) {
            inputs.add(value);
        }

        @Override
        public void status(DeviceStatus status) {
            statuses.add(status);
        }
    };
    final MaskLineConfig config = new MaskLineConfig("mask-line", "pipe", 9600, ScannerConfig.Terminator.CRLF,
            "MASK", "NOMASK");

    @Test
    void presentAndAbsentLinesSetTheMaskSignalAndNoiseIsIgnored() throws Exception {
        PipeLink[] pipe = PipeLink.pair("mask");
        List<String> logs = new CopyOnWriteArrayList<>();
        try (SerialMaskLine line = new SerialMaskLine(config, (port, baud) -> pipe[0], clock, scheduler);
                AutoCloseable tap = Logging.tap(logs::add)) {
            line.start(listener);
            pipe[1].write(" mask \r\nNOMA".getBytes(StandardCharsets.US_ASCII));
            pipe[1].write("SK\r\nhello\u0007 world\r\n\r\nMask\r\n".getBytes(StandardCharsets.US_ASCII));
            Await.until(Duration.ofSeconds(30), "three mask changes", () -> inputs.size() == 3);
            assertEquals(List.of(true, false, true), inputs.stream().map(GateInput::asserted).toList());
            assertTrue(inputs.stream().allMatch(i -> i.kind() == GateInput.Kind.MASK_PRESENT
                    && i.at().equals(clock.instant())));
            Await.until(Duration.ofSeconds(30), "the warning", () -> String.join("", logs).contains("hello? world"));
            assertTrue(statuses.stream().allMatch(DeviceStatus::isOk), statuses.toString());
        }
    }

    @Test
    void aVanishedDetectorIsAFault() throws Exception {
        PipeLink[] pipe = PipeLink.pair("mask");
        try (SerialMaskLine line = new SerialMaskLine(config, (port, baud) -> pipe[0], clock, scheduler)) {
            line.start(listener);
            pipe[1].close();
            Await.until(Duration.ofSeconds(30), "a fault", () -> statuses.stream().anyMatch(s -> !s.isOk()));
            DeviceStatus fault = statuses.stream().filter(s -> !s.isOk()).findFirst().orElseThrow();
            assertEquals("mask-line", fault.deviceId());
        }
    }

    @Test
    void logLinesStayShortAndPrintable() {
        assertEquals("a?b", SerialMaskLine.printable("a\nb"));
        assertEquals("x".repeat(32) + "...", SerialMaskLine.printable("x".repeat(40)));
    }
}
