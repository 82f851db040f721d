package org.gridgate.thermometer.i2c;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.timing.Scheduler;

/**
 * The technician's emissivity setting in the MLX90614's EEPROM (0x24 = round(65535 * e)). The
 * datasheet requires erasing the cell (writing 0x0000) and waiting at least 10 ms before writing the
 * new value; the waits go through the scheduler. The value is read back before success is reported.
 * The sensor only applies a new emissivity after a power cycle.
 */
public final class Mlx90614Emissivity implements AutoCloseable {
    static final Duration EEPROM_WRITE_TIME = Duration.ofMillis(20);

    private final Smbus bus;
    private final Scheduler scheduler;

    Mlx90614Emissivity(Smbus bus, Scheduler scheduler) {
        this.bus = bus;
        this.scheduler = scheduler;
    }

    /** The configured sensor through Pi4J's linuxfs provider; close it before the gate uses the sensor. */
    public static Mlx90614Emissivity linuxfs(ThermometerConfig config, Scheduler scheduler) throws IOException {
        try {
            return new Mlx90614Emissivity(Pi4jSmbus.linuxfs(config.id() + "-eeprom", config.i2cBus(),
                    config.i2cAddress()), scheduler);
        } catch (RuntimeException e) {
            throw new IOException("cannot open /dev/i2c-" + config.i2cBus() + ": " + e.getMessage(), e);
        }
    }

    public synchronized double read() throws IOException {
        byte[] reply = new byte[3];
        bus.read(Mlx90614Protocol.EEPROM_EMISSIVITY, reply);
        return Mlx90614Protocol.emissivity(Mlx90614Protocol.word(bus.address(), Mlx90614Protocol.EEPROM_EMISSIVITY,
                reply));
    }

    /**
     * Erases, writes and verifies. Completes with the value read back, or exceptionally with the
     * step that failed. Never blocks the caller.
     *
     * @throws IllegalArgumentException if {@code emissivity} is outside 0.1..1.0
     */
    public CompletableFuture<Double> write(double emissivity) {
        int word = Mlx90614Protocol.emissivityWord(emissivity);
        CompletableFuture<Double> done = new CompletableFuture<>();
        if (!step(done, "erase", () -> writeWord(0x0000))) {
            return done;
        }
        scheduler.schedule(EEPROM_WRITE_TIME, () -> {
            if (step(done, "write", () -> writeWord(word))) {
                scheduler.schedule(EEPROM_WRITE_TIME, () -> verify(done, word));
            }
        });
        return done;
    }

    private void verify(CompletableFuture<Double> done, int word) {
        try {
            double back = read();
            int got = (int) Math.round(back * 65535);
            if (got != word) {
                done.completeExceptionally(new IOException(String.format(
                        "verify: EEPROM 0x24 reads 0x%04X, wrote 0x%04X", got, word)));
            } else {
                done.complete(back);
            }
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(new IOException("verify: " + e.getMessage(), e));
        }
    }

    private synchronized void writeWord(int word) throws IOException {
        bus.write(Mlx90614Protocol.EEPROM_EMISSIVITY,
                Mlx90614Protocol.writeWord(bus.address(), Mlx90614Protocol.EEPROM_EMISSIVITY, word));
    }

    private interface Step {
        void run() throws IOException;
    }

    private static boolean step(CompletableFuture<Double> done, String name, Step s) {
        try {
            s.run();
            return true;
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(new IOException(name + ": " + e.getMessage(), e));
            return false;
        }
    }

    @Override
    public void close() {
        bus.close();
    }
}
