package org.gridgate.thermometer.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.device.pipe.PipeLink;
import org.gridgate.testing.Await;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

/** Continuous mode against a board on an in-process pipe, time moved by hand. */
class GyMcu90614ThermometerTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<TemperatureReading> readings = new CopyOnWriteArrayList<>();
    final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();

    static byte[] expect(PipeLink device, int n) throws IOException {
        byte[] got = new byte[0];
        byte[] buf = new byte[n];
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // a deadline, not a pace
        while (got.length < n && System.nanoTime() < deadline) {
            int r = device.read(buf);
            byte[] more = Arrays.copyOf(got, got.length + r);
            System.arraycopy(buf, 0, more, got.length, r);
            got = more;
        }
        return got;
    }

    DeviceStatus last() {
        return statuses.get(statuses.size() - 1);
    }

    @Test
    void aSilentContinuousBoardIsAFaultUntilItSendsAgain() throws Exception {
        PipeLink[] pipe = PipeLink.pair("gy");
        ThermometerConfig config = new ThermometerConfig("thermo-1", ThermometerConfig.Model.GY_MCU90614,
                Transport.SERIAL, "pipe", 9600, ThermometerConfig.Mode.CONTINUOUS, 1, 0x5A, 0, 0,
                Duration.ofSeconds(2), Duration.ofMillis(250));
        GyMcu90614Thermometer t = new GyMcu90614Thermometer(config, (port, baud) -> pipe[0], clock, scheduler);
        t.start(new DeviceListener<>() {
            @Override
            public void accept(TemperatureReading value) {
                readings.add(value);
            }

            @Override
            public void status(DeviceStatus status) {
                statuses.add(status);
            }
        });
        assertArrayEquals(GyMcu90614Protocol.continuous(), expect(pipe[1], 3));
        pipe[1].write(GyMcu90614Protocol.frame(-1.5, 21.25));
        Await.until(Duration.ofSeconds(30), "a reading", () -> readings.size() == 1);
        assertEquals(-1.5, readings.get(0).objectC(), 1e-9, "signed values");
        assertEquals("obj=FF6A amb=084D", readings.get(0).raw());

        scheduler.advance(Duration.ofMillis(1500));
        assertTrue(last().isOk(), "1.5 s of silence is within the 2 s frame timeout");
        scheduler.advance(Duration.ofMillis(500));
        assertEquals("no frame for 2000 ms in continuous mode", last().reason());
        assertArrayEquals(GyMcu90614Protocol.continuous(), expect(pipe[1], 3), "asked to stream again");

        pipe[1].write(GyMcu90614Protocol.frame(36.5, 21.25));
        Await.until(Duration.ofSeconds(30), "ok after a frame", () -> last().isOk());
        assertEquals(3, statuses.size());
        t.close();
    }
}
