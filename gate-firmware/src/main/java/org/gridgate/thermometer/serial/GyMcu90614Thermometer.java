package org.gridgate.thermometer.serial;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gridgate.config.ThermometerConfig;
import org.gridgate.device.ByteLink;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.LinkSession;
import org.gridgate.thermometer.TemperatureReading;
import org.gridgate.thermometer.Thermometer;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GY-MCU90614 board on a UART: query mode asks for each reading, continuous mode listens. A query
 * that gets no frame within {@link #REPLY_TIMEOUT}, or a continuous board silent for the configured
 * frame timeout, marks the device faulty until a frame arrives.
 */
public final class GyMcu90614Thermometer implements Thermometer {
    private static final Logger LOG = LoggerFactory.getLogger(GyMcu90614Thermometer.class);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);

    private final ThermometerConfig config;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ByteLinkFactory links;
    private final GyMcu90614Parser parser;
    private volatile DeviceListener<TemperatureReading> listener;
    private volatile Instant lastFrame = Instant.MIN;
    private volatile Instant openedAt = Instant.MIN;
    private volatile boolean closed;
    private volatile LinkSession session;

    public GyMcu90614Thermometer(ThermometerConfig config, ByteLinkFactory links, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.links = links;
        this.clock = clock;
        this.scheduler = scheduler;
        this.parser = GyMcu90614Parser.collecting(this::frame, reason -> LOG.debug("{}: {}", config.id(), reason));
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public void start(DeviceListener<TemperatureReading> listener) {
        this.listener = listener;
        session = new LinkSession(config.id(), config.port(), config.baud(), links, new LinkSession.Handler() {
            @Override
            public void opened(ByteLink link) throws IOException {
                openedAt = clock.instant();
                if (config.mode() == ThermometerConfig.Mode.CONTINUOUS) {
                    link.write(GyMcu90614Protocol.continuous());
                }
            }

            @Override
            public void bytes(byte[] data, int length) {
                synchronized (parser) {
                    parser.feed(data, 0, length);
                }
            }
        }, listener::status, clock, scheduler);
        session.start();
        if (config.mode() == ThermometerConfig.Mode.CONTINUOUS) {
            watchSilence();
        }
    }

    /** Continuous mode: a board that stops sending (reset, loose wire) is a fault, not a quiet gate. */
    private void watchSilence() {
        Duration timeout = config.frameTimeout();
        Duration every = timeout.dividedBy(4).compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50)
                : timeout.dividedBy(4);
        scheduler.schedule(every, () -> {
            if (closed) {
                return;
            }
            Instant since = lastFrame.isAfter(openedAt) ? lastFrame : openedAt;
            if (session.isConnected() && !Duration.between(since, clock.instant()).minus(timeout).isNegative()) {
                session.fault("no frame for " + timeout.toMillis() + " ms in continuous mode");
                // A board that reset comes up in query mode: ask again for continuous output.
                session.write(GyMcu90614Protocol.continuous());
            }
            watchSilence();
        });
    }

    private void frame(GyMcu90614Frame f) {
        lastFrame = clock.instant();
        session.ok();
        listener.accept(new TemperatureReading(config.id(), f.objectC(), f.ambientC(), lastFrame, f.rawHex()));
    }

    @Override
    public void requestReading() {
        if (config.mode() != ThermometerConfig.Mode.QUERY || session == null) {
            return;
        }
        Instant asked = clock.instant();
        if (session.write(GyMcu90614Protocol.queryOnce())) {
            scheduler.schedule(REPLY_TIMEOUT, () -> {
                if (lastFrame.isBefore(asked) && session.isConnected()) {
                    session.fault("no reply to a query within " + REPLY_TIMEOUT.toMillis() + " ms");
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        if (session != null) {
            session.close();
        }
    }
}
