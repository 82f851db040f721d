package org.gridgate.signals.serial;

import java.time.Clock;
import org.gridgate.config.MaskLineConfig;
import org.gridgate.device.ByteLink;
import org.gridgate.device.ByteLinkFactory;
import org.gridgate.device.DeviceListener;
import org.gridgate.device.LinkSession;
import org.gridgate.scanner.serial.LineParser;
import org.gridgate.signals.GateInput;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mask detector on a serial line (camera modules and detector boards that print a line per
 * change). Its "present" line asserts {@link GateInput.Kind#MASK_PRESENT}, its "absent" line
 * clears it; anything else is ignored with a warning. Unplug and replug are handled like any
 * serial device: a fault while the port is gone, recovery with backoff.
 */
public final class SerialMaskLine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialMaskLine.class);
    /** Detector lines are short; a longer one is noise. */
    static final int MAX_LINE = 64;

    private final MaskLineConfig config;
    private final ByteLinkFactory links;
    private final Clock clock;
    private final Scheduler scheduler;
    private LinkSession session;

    public SerialMaskLine(MaskLineConfig config, ByteLinkFactory links, Clock clock, Scheduler scheduler) {
        this.config = config;
        this.links = links;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public String id() {
        return config.id();
    }

    public void start(DeviceListener<GateInput> listener) {
        LineParser parser = new LineParser(config.terminator().bytes(), MAX_LINE, new LineParser.Sink() {
            @Override
            public void line(String text) {
                String t = text.strip();
                if (t.equalsIgnoreCase(config.present())) {
                    listener.accept(new GateInput(GateInput.Kind.MASK_PRESENT, true, clock.instant()));
                } else if (t.equalsIgnoreCase(config.absent())) {
                    listener.accept(new GateInput(GateInput.Kind.MASK_PRESENT, false, clock.instant()));
                } else {
                    LOG.warn("{}: ignored a line that is neither '{}' nor '{}': {}", config.id(), config.present(),
                            config.absent(), printable(t));
                }
            }

            @Override
            public void discarded(String reason) {
                LOG.warn("{}: {}", config.id(), reason);
            }
        });
        session = new LinkSession(config.id(), config.port(), config.baud(), links, new LinkSession.Handler() {
            @Override
            public void opened(ByteLink link) {}

            @Override
            public void bytes(byte[] data, int length) {
                parser.feed(data, 0, length);
            }
        }, listener::status, clock, scheduler);
        session.start();
    }

    /** At most 32 characters, control and non-ASCII characters as '?': a log line stays one line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 32); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 32 ? b.append("...").toString() : b.toString();
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
