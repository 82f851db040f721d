package org.gridgate.thermometer.i2c;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.DeviceStatus;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MLX90614 (GY-906 board) on I2C, read every poll interval on the scheduler. A bus error is
 * retried at once up to {@link #ATTEMPTS} times; a poll that still fails is a fault, and the next
 * poll tries again, so a sensor that comes back is in use one interval later. The bus device stays
 * open across sensor errors (a loose sensor NAKs; {@code /dev/i2c-N} itself stays); a bus that
 * cannot be opened at all is retried every {@link #OPEN_RETRY}. An object word with the error flag
 * (bit 15) is rejected, never turned into a temperature.
 */
public final class Mlx90614Thermometer implements Thermometer {
    private static final Logger LOG = LoggerFactory.getLogger(Mlx90614Thermometer.class);
    static final int ATTEMPTS = 3;
    static final Duration OPEN_RETRY = Duration.ofSeconds(1);

    /** Opens the bus; called again after a failure. */
    @FunctionalInterface
    interface Opener {
        Smbus open() throws IOException;
    }

    private final ThermometerConfig config;
    private final Opener opener;
    private final Clock clock;
    private final Scheduler scheduler;
    private DeviceListener<TemperatureReading> listener;
    private Smbus bus;
    private DeviceStatus.State lastState;
    private boolean closed;

    Mlx90614Thermometer(ThermometerConfig config, Opener opener, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.opener = opener;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The sensor on {@code /dev/i2c-<bus>} at the configured address, through Pi4J's linuxfs provider. */
    public static Mlx90614Thermometer linuxfs(ThermometerConfig config, Clock clock, Scheduler scheduler) {
        return new Mlx90614Thermometer(config, () -> {
            try {
                return Pi4jSmbus.linuxfs(config.id(), config.i2cBus(), config.i2cAddress());
            } catch (RuntimeException e) {
                throw new IOException("cannot open /dev/i2c-" + config.i2cBus() + ": " + e.getMessage(), e);
            }
        }, clock, scheduler);
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public synchronized void start(DeviceListener<TemperatureReading> listener) {
        this.listener = listener;
        scheduler.schedule(Duration.ZERO, this::poll);
    }

    /** Readings arrive every poll interval anyway; nothing to ask for. */
    @Override
    public void requestReading() {}

    synchronized void poll() {
        if (closed) {
            return;
        }
        if (bus == null) {
            try {
                bus = opener.open();
            } catch (IOException e) {
                report(DeviceStatus.fault(config.id(), e.getMessage(), clock.instant()));
                scheduler.schedule(OPEN_RETRY, this::poll);
                return;
            }
        }
        try {
            TemperatureReading r = read();
            report(DeviceStatus.ok(config.id(), r.at()));
            listener.accept(r);
        } catch (IOException e) {
            report(DeviceStatus.fault(config.id(), e.getMessage(), clock.instant()));
        } catch (RejectedReading e) {
            // The sensor answered: the bus is fine, the measurement is not.
            report(DeviceStatus.fault(config.id(), e.getMessage(), clock.instant()));
        }
        scheduler.schedule(config.pollInterval(), this::poll);
    }

    private TemperatureReading read() throws IOException, RejectedReading {
        int ambient = word(Mlx90614Protocol.RAM_AMBIENT);
        int object = word(Mlx90614Protocol.RAM_OBJECT);
        if ((object & Mlx90614Protocol.ERROR_FLAG) != 0) {
            throw new RejectedReading(String.format("sensor flagged the object reading as an error (0x%04X)", object));
        }
        return new TemperatureReading(config.id(), Mlx90614Protocol.celsius(object), Mlx90614Protocol.celsius(ambient),
                clock.instant(), String.format("obj=%04X amb=%04X", object, ambient));
    }

    private int word(int command) throws IOException {
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            byte[] reply = new byte[3];
            try {
                bus.read(command, reply);
                return Mlx90614Protocol.word(bus.address(), command, reply);
            } catch (IOException e) {
                last = e;
                LOG.debug("{}: attempt {} of {}: {}", config.id(), attempt, ATTEMPTS, e.getMessage());
            }
        }
        throw new IOException(last.getMessage() + " (after " + ATTEMPTS + " attempts)", last);
    }

    private void report(DeviceStatus s) {
        if (s.state() == lastState) {
            return;
        }
        lastState = s.state();
        if (s.isOk()) {
            LOG.info("{}: ok on i2c-{} at 0x{}", config.id(), config.i2cBus(), Integer.toHexString(config.i2cAddress()));
        } else {
            LOG.warn("{}: fault: {}", config.id(), s.reason());
        }
        listener.status(s);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (bus != null) {
            bus.close();
            bus = null;
        }
    }

    /** A reading the sensor itself marked invalid. */
    private static final class RejectedReading extends Exception {
        RejectedReading(String message) {
            super(message, null, false, false);
        }
    }
}
