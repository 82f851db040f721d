package org.gridgate.scanner.serial;

import java.io.IOException;
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
 * A scanner that sends each decoded code as a line: GM65/GM66 modules, USB-CDC scanners in serial
 * mode. With a trigger configured the module is kept armed by {@link ScanTrigger}; a GM65's replies
 * are filtered out of the stream so they never prefix a code.
 */
public final class SerialScanner implements Scanner {
    private static final Logger LOG = LoggerFactory.getLogger(SerialScanner.class);

    private final ScannerConfig config;
    private final ByteLinkFactory links;
    private final Clock clock;
    private final Scheduler scheduler;
    private final ScanTrigger trigger;
    private LinkSession session;

    public SerialScanner(ScannerConfig config, ByteLinkFactory links, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.links = links;
        this.clock = clock;
        this.scheduler = scheduler;
        this.trigger = new ScanTrigger(config.trigger(), scheduler);
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public void start(DeviceListener<ScannedCode> listener) {
        LineParser parser = new LineParser(config.terminator().bytes(), config.maxLength(), new LineParser.Sink() {
            @Override
            public void line(String text) {
                listener.accept(new ScannedCode(config.id(), org.gridgate.scanner.Directions.of(config.direction()), text, clock.instant()));
                trigger.arm();
            }

            @Override
            public void discarded(String reason) {
                LOG.warn("{}: {}", config.id(), reason);
            }
        });
        Gm65.ReplyFilter replies = new Gm65.ReplyFilter(new Gm65.ReplyFilter.Sink() {
            @Override
            public void bytes(byte[] data, int offset, int length) {
                parser.feed(data, offset, length);
            }

            @Override
            public void reply(int value) {
                trigger.reply(value);
            }
        });
        boolean gm65 = config.trigger() == ScannerConfig.Trigger.GM65;
        session = new LinkSession(config.id(), config.port(), config.baud(), links, new LinkSession.Handler() {
            @Override
            public void opened(ByteLink link) throws IOException {
                trigger.opened(link);
            }

            @Override
            public void bytes(byte[] data, int length) {
                if (gm65) {
                    replies.feed(data, 0, length);
                } else {
                    parser.feed(data, 0, length);
                }
            }
        }, listener::status, clock, scheduler);
        trigger.start(session);
        session.start();
    }

    @Override
    public void trigger() {
        trigger.arm();
    }

    @Override
    public void close() {
        trigger.close();
        if (session != null) {
            session.close();
        }
    }
}
