package org.gridgate.thermometer.i2c;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.config.Transport;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;
import org.junit.jupiter.api.Test;

class Mlx90614ThermometerTest {
    static final ThermometerConfig CONFIG = new ThermometerConfig("ir-1", ThermometerConfig.Model.MLX90614,
            Transport.I2C, "", 0, ThermometerConfig.Mode.QUERY, 1, 0x5A, 0, 0, Duration.ofSeconds(3),
            Duration.ofMillis(250));
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final List<TemperatureReading> readings = new ArrayList<>();
    final List<DeviceStatus> statuses = new ArrayList<>();
    final DeviceListener<TemperatureReading> listener = new DeviceListener<>() {
        @Override
        public void accept(TemperatureReading value) {
            readings.add(value);
        }

        @Override
        public void status(DeviceStatus status) {
            statuses.add(status);
        }
    };

    @Test
    void readsAmbientAndObjectThroughPi4jMockI2c() {
        Context ctx = Pi4J.newContextBuilder().add(MockI2CProvider.newInstance()).build();
        try {
            I2C i2c = Pi4jSmbus.on(ctx, "mlx", 1, 0x5A);
            // The mock hands out queued register bytes in order: one LSB MSB PEC reply per read.
            i2c.writeRegister(0x06, new byte[] {(byte) 0x9C, 0x3A, (byte) Mlx90614Protocol.readPec(0x5A, 6, 0x9C, 0x3A)});
            i2c.writeRegister(0x07, new byte[] {(byte) 0xD2, 0x3A, 0x30});
            Mlx90614Thermometer t = new Mlx90614Thermometer(CONFIG, () -> new Pi4jSmbus(i2c, 0x5A, null), clock,
                    scheduler);
            t.start(listener);
            scheduler.advance(Duration.ZERO);
            assertEquals(1, readings.size(), statuses::toString);
            TemperatureReading r = readings.get(0);
            assertEquals("ir-1", r.sensorId());
            assertEquals(28.01, r.objectC(), 1e-9);
            assertEquals(0x3A9C * 0.02 - 273.15, r.ambientC(), 1e-9);
            assertEquals("obj=3AD2 amb=3A9C", r.raw());
            assertEquals(clock.instant(), r.at());
            assertEquals(List.of(DeviceStatus.State.OK), statuses.stream().map(DeviceStatus::state).toList());

            // Nothing queued: the mock's read fails, three attempts, then a fault.
            scheduler.advance(Duration.ofMillis(250));
            assertEquals(1, readings.size());
            assertEquals(DeviceStatus.State.FAULT, statuses.get(statuses.size() - 1).state());
            t.close();
        } finally {
            ctx.shutdown();
        }
    }

    @Test
    void aCorruptedReplyIsRetriedAndNeverBecomesAReading() {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        chip.celsius(0x06, 22.0);
        chip.celsius(0x07, 34.5);
        chip.corruptNextReplies = 2;
        Mlx90614Thermometer t = new Mlx90614Thermometer(CONFIG, () -> chip, clock, scheduler);
        t.start(listener);
        scheduler.advance(Duration.ZERO);
        assertEquals(1, readings.size());
        assertEquals(34.5, readings.get(0).objectC(), 0.011);
        assertEquals(4, chip.reads, "two corrupted ambient replies were retried");
        assertTrue(statuses.stream().allMatch(DeviceStatus::isOk));
    }

    @Test
    void errorFlagRejectsTheReading() {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        chip.celsius(0x06, 22.0);
        chip.words.put(0x07, 0x8000 | 0x3AD2);
        Mlx90614Thermometer t = new Mlx90614Thermometer(CONFIG, () -> chip, clock, scheduler);
        t.start(listener);
        scheduler.advance(Duration.ZERO);
        assertTrue(readings.isEmpty());
        assertTrue(statuses.get(0).reason().contains("error"), statuses.toString());
    }

    @Test
    void aVanishedSensorIsAFaultAndIsBackOnePollAfterItReturns() {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        chip.celsius(0x06, 22.0);
        chip.celsius(0x07, 34.5);
        int[] opens = {0};
        Mlx90614Thermometer t = new Mlx90614Thermometer(CONFIG, () -> {
            opens[0]++;
            if (!chip.present) {
                throw new IOException("no /dev/i2c-1");
            }
            return chip;
        }, clock, scheduler);
        t.start(listener);
        scheduler.advance(Duration.ZERO);
        chip.present = false;
        scheduler.advance(Duration.ofMillis(250));
        assertEquals(DeviceStatus.State.FAULT, statuses.get(statuses.size() - 1).state());
        assertTrue(statuses.get(statuses.size() - 1).reason().contains("after 3 attempts"));
        scheduler.advance(Duration.ofSeconds(5));
        int before = readings.size();
        chip.present = true;
        Instant back = clock.instant();
        scheduler.advance(Duration.ofMillis(250));
        assertEquals(before + 1, readings.size());
        DeviceStatus last = statuses.get(statuses.size() - 1);
        assertTrue(last.isOk());
        assertTrue(Duration.between(back, last.at()).compareTo(Duration.ofSeconds(2)) <= 0);
        assertEquals(1, opens[0], "the bus device stays open across sensor errors");
        assertEquals(3, statuses.size(), "ok, fault, ok: no repeated reports");
    }

    @Test
    void aBusThatCannotBeOpenedIsAFaultAndIsRetried() {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        chip.celsius(0x06, 22.0);
        chip.celsius(0x07, 34.5);
        boolean[] busThere = {false};
        Mlx90614Thermometer t = new Mlx90614Thermometer(CONFIG, () -> {
            if (!busThere[0]) {
                throw new IOException("cannot open /dev/i2c-1: No such file or directory");
            }
            return chip;
        }, clock, scheduler);
        t.start(listener);
        scheduler.advance(Duration.ZERO);
        assertEquals("cannot open /dev/i2c-1: No such file or directory", statuses.get(0).reason());
        busThere[0] = true;
        scheduler.advance(Mlx90614Thermometer.OPEN_RETRY);
        assertEquals(1, readings.size());
        assertTrue(statuses.get(1).isOk());
        t.close();
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(1, readings.size(), "no polls after close");
    }

    @Test
    void emissivityIsErasedThenWrittenAfterTheEepromDelayThenVerified() throws Exception {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        Mlx90614Emissivity e = new Mlx90614Emissivity(chip, scheduler);
        assertEquals(1.0, e.read());
        CompletableFuture<Double> done = e.write(0.98);
        assertEquals(List.of("24<-0000"), chip.writes);
        scheduler.advance(Duration.ofMillis(9));
        assertEquals(List.of("24<-0000"), chip.writes, "no write before the erase has finished");
        scheduler.advance(Duration.ofMillis(11));
        assertEquals(List.of("24<-0000", "24<-FAE0"), chip.writes);
        assertFalse(done.isDone());
        scheduler.advance(Duration.ofMillis(20));
        assertEquals(0.98, done.get(), 1e-4);
        assertEquals(0.98, e.read(), 1e-4);
    }

    @Test
    void aWriteThatDoesNotReadBackFails() {
        FakeMlx90614 chip = new FakeMlx90614(clock);
        Mlx90614Emissivity e = new Mlx90614Emissivity(chip, scheduler);
        CompletableFuture<Double> done = e.write(0.95);
        scheduler.advance(Duration.ofMillis(20));
        chip.words.put(0x24, 0x1234); // someone else wrote the cell meanwhile
        scheduler.advance(Duration.ofMillis(20));
        ExecutionException x = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, done::get);
        assertTrue(x.getCause().getMessage().startsWith("verify: EEPROM 0x24 reads 0x1234"), x.getCause().getMessage());
    }
}
