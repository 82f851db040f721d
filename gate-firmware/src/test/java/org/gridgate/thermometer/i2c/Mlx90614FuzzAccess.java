package org.gridgate.thermometer.i2c;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.timing.ManualClock;
import org.gridgate.timing.ManualScheduler;

/**
 * Lets the fuzz tests ({@code org.gridgate.fuzz}) put arbitrary SMBus replies under the real
 * {@link Mlx90614Thermometer}: each read takes the next three bytes (LSB MSB PEC) of the stream, or
 * fails like a NAK where the script says so. The poll loop runs on a manual scheduler, in this thread.
 */
public final class Mlx90614FuzzAccess {
    /** Readings delivered and fault reasons reported. */
    public record Result(List<TemperatureReading> readings, List<String> faults, int reads) {}

    private Mlx90614FuzzAccess() {}

    /**
     * @param replies three bytes per read; a read past the end NAKs
     * @param nakEvery a read whose index is a multiple of this NAKs (0: never)
     */
    public static Result poll(byte[] replies, int nakEvery, int polls) {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
        ManualScheduler scheduler = new ManualScheduler(clock);
        List<TemperatureReading> readings = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        int[] reads = {0};
        Smbus bus = new Smbus() {
            private int at;

            @Override
            public int address() {
                return Mlx90614ThermometerTest.CONFIG.i2cAddress();
            }

            @Override
            public void read(int command, byte[] into) throws IOException {
                reads[0]++;
                if ((nakEvery > 0 && reads[0] % nakEvery == 0) || at + into.length > replies.length) {
                    throw new IOException("Remote I/O error");
                }
                System.arraycopy(replies, at, into, 0, into.length);
                at += into.length;
            }

            @Override
            public void write(int command, byte[] data) throws IOException {
                throw new IOException("read-only fuzz bus");
            }

            @Override
            public void close() {}
        };
        Mlx90614Thermometer t = new Mlx90614Thermometer(Mlx90614ThermometerTest.CONFIG, () -> bus, clock, scheduler);
        t.start(new DeviceListener<>() {
            @Override
            public void accept(TemperatureReading value) {
                readings.add(value);
            }

            @Override
            public void status(DeviceStatus status) {
                if (!status.isOk()) {
                    faults.add(status.reason());
                }
            }
        });
        for (int i = 0; i < polls; i++) {
            scheduler.advance(Mlx90614ThermometerTest.CONFIG.pollInterval());
        }
        t.close();
        return new Result(readings, faults, reads[0]);
    }

    /** The protocol's word check on its own: the word, or the PEC mismatch as an IOException. */
    public static int word(int address, int command, byte[] reply) throws IOException {
        return Mlx90614Protocol.word(address, command, reply);
    }

    /** A reply the sensor would send for {@code word}, PEC included. */
    public static byte[] reply(int address, int command, int word) {
        int lsb = word & 0xFF;
        int msb = (word >> 8) & 0xFF;
        return new byte[] {(byte) lsb, (byte) msb, (byte) Mlx90614Protocol.readPec(address, command, lsb, msb)};
    }
}
