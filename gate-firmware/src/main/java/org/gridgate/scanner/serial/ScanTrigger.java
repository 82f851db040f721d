package org.gridgate.scanner.serial;

import java.io.IOException;
import java.time.Duration;
import org.gridgate.config.ScannerConfig.Trigger;
import org.gridgate.device.ByteLink;
import org.gridgate.device.LinkSession;
import org.gridgate.timing.Scheduler;

/**
 * Arms a command-mode scanner. GM65: at every open the scan mode is read and, keeping the other
 * bits, set to command-triggered; then each trigger starts one scan (the module stops by itself
 * after its read time). Honeywell: {@code SYN T CR} starts a scan, {@code SYN U CR} ends it. The
 * scanner is re-armed after every code and every {@link #REARM_EVERY}, so the gate never waits on
 * a disarmed module; the gate may also arm it at once through {@link #arm()}.
 */
final class ScanTrigger {
    static final Duration REARM_EVERY = Duration.ofSeconds(3);
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(1);
    static final byte[] HONEYWELL_TRIGGER = {0x16, 0x54, 0x0D};
    static final byte[] HONEYWELL_UNTRIGGER = {0x16, 0x55, 0x0D};

    private enum State { IDLE, READING_MODE, WRITING_MODE, READY }

    private final Trigger kind;
    private final Scheduler scheduler;
    private LinkSession session;
    private State state = State.IDLE;
    private long openCount;
    private boolean closed;

    ScanTrigger(Trigger kind, Scheduler scheduler) {
        this.kind = kind;
        this.scheduler = scheduler;
    }

    synchronized void start(LinkSession s) {
        this.session = s;
        if (kind != Trigger.NONE) {
            rearmLater();
        }
    }

    /** Called with the fresh link before its reader starts. */
    synchronized void opened(ByteLink link) throws IOException {
        long open = ++openCount;
        switch (kind) {
            case NONE -> { }
            case HONEYWELL -> {
                state = State.READY;
                link.write(HONEYWELL_TRIGGER);
            }
            case GM65 -> {
                state = State.READING_MODE;
                link.write(Gm65.readZone(0x0000));
                scheduler.schedule(REPLY_TIMEOUT, () -> noReply(open));
            }
        }
    }

    private synchronized void noReply(long open) {
        if (open == openCount && state != State.READY && !closed && session != null) {
            session.fault("no reply from the GM65 to a settings command within " + REPLY_TIMEOUT.toMillis()
                    + " ms (is it a GM65, at this baud rate?)");
        }
    }

    /** A GM65 reply: the zone value after a read, an acknowledgement after a write. */
    synchronized void reply(int value) {
        switch (state) {
            case READING_MODE -> {
                int want = Gm65.commandMode(value);
                if (want == value) {
                    ready();
                } else {
                    state = State.WRITING_MODE;
                    long open = openCount;
                    session.write(Gm65.writeZone(0x0000, want));
                    scheduler.schedule(REPLY_TIMEOUT, () -> noReply(open));
                }
            }
            case WRITING_MODE -> ready();
            case IDLE, READY -> { } // the acknowledgement of a trigger
        }
    }

    private void ready() {
        state = State.READY;
        session.ok();
        arm();
    }

    /** Starts a scan now if the module is ready; a no-op for scanners that scan on their own. */
    synchronized void arm() {
        if (state != State.READY || closed || session == null) {
            return;
        }
        session.write(kind == Trigger.GM65 ? Gm65.trigger() : HONEYWELL_TRIGGER);
    }

    private void rearmLater() {
        scheduler.schedule(REARM_EVERY, () -> {
            synchronized (this) {
                if (closed) {
                    return;
                }
                arm();
                rearmLater();
            }
        });
    }

    synchronized void close() {
        if (kind == Trigger.HONEYWELL && session != null && state == State.READY) {
            session.write(HONEYWELL_UNTRIGGER);
        }
        closed = true;
    }
}
