package org.gridgate.scanner.evdev;

import java.nio.ByteOrder;
import java.time.Clock;
import org.gridgate.config.ScannerConfig;
import org.gridgate.device.ByteLink;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.LinkSession;
import org.gridgate.scanner.ScannedCode;
import org.gridgate.scanner.Scanner;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A USB keyboard-wedge scanner read through Linux evdev ({@code /dev/input/by-id/...-event-kbd}).
 * The device is grabbed so codes are typed into no console. An unplug is a fault; the session
 * reopens the same by-id path with backoff, and a code cut by the unplug is discarded.
 */
public final class EvdevScanner implements Scanner {
    private static final Logger LOG = LoggerFactory.getLogger(EvdevScanner.class);

    private final ScannerConfig config;
    private final ByteLinkFactory links;
    private final Clock clock;
    private final Scheduler scheduler;
    private LinkSession session;

    EvdevScanner(ScannerConfig config, ByteLinkFactory links, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.links = links;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** The configured input device node, opened (and grabbed, unless {@code grab: false}) through libc. */
    public static EvdevScanner linux(ScannerConfig config, Clock clock, Scheduler scheduler) {
        return new EvdevScanner(config, (port, baud) -> EvdevLink.open(port, config.grab()), clock, scheduler);
    }

    static int recordSize(ScannerConfig config) {
        return config.recordSize() == 0 ? EvdevDecoder.nativeRecordSize() : config.recordSize();
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public void start(DeviceListener<ScannedCode> listener) {
        EvdevDecoder decoder = new EvdevDecoder(recordSize(config), config.maxLength(), ByteOrder.nativeOrder(),
                new EvdevDecoder.Sink() {
                    @Override
                    public void code(String text) {
                        listener.accept(new ScannedCode(config.id(), org.gridgate.scanner.Directions.of(config.direction()), text, clock.instant()));
                    }

                    @Override
                    public void discarded(String reason) {
                        LOG.warn("{}: {}", config.id(), reason);
                    }
                });
        session = new LinkSession(config.id(), config.port(), 0, links, new LinkSession.Handler() {
            @Override
            public void opened(ByteLink link) {
                synchronized (decoder) {
                    decoder.reset();
                }
            }

            @Override
            public void bytes(byte[] data, int length) {
                synchronized (decoder) {
                    decoder.feed(data, 0, length);
                }
            }
        }, listener::status, clock, scheduler);
        session.start();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
