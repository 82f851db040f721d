package org.gridgate.device;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.gridgate.timing.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a byte link to one device open: opens it, reads on its own (platform) thread, and when the
 * device vanishes reports a fault and reopens it with backoff (never longer than
 * {@link #MAX_BACKOFF}, so a device that comes back is in use again within two seconds).
 */
public final class LinkSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSession.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofMillis(1500);

    /** What the session reports to the device adapter. Called on the reader thread. */
    public interface Handler {
        void opened(ByteLink link) throws IOException;

        void bytes(byte[] data, int length);
    }

    private final String deviceId;
    private final String port;
    private final int baud;
    private final ByteLinkFactory factory;
    private final Handler handler;
    private final Consumer<DeviceStatus> status;
    private final Clock clock;
    private final Scheduler scheduler;
    private volatile ByteLink link;
    private volatile boolean closed;
    private Duration backoff = FIRST_BACKOFF;
    private DeviceStatus.State lastState;

    public LinkSession(String deviceId, String port, int baud, ByteLinkFactory factory, Handler handler,
            Consumer<DeviceStatus> status, Clock clock, Scheduler scheduler) {
        this.deviceId = deviceId;
        this.port = port;
        this.baud = baud;
        this.factory = factory;
        this.handler = handler;
        this.status = status;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    public void start() {
        connect();
    }

    /** Writes to the device if it is connected; a failed write is reported as a fault. */
    public boolean write(byte[] bytes) {
        ByteLink l = link;
        if (l == null) {
            return false;
        }
        try {
            l.write(bytes);
            return true;
        } catch (IOException e) {
            lost(l, "write failed: " + e.getMessage());
            return false;
        }
    }

    public boolean isConnected() {
        return link != null;
    }

    /** Reports a fault seen by the adapter (e.g. no reply) without dropping the link. */
    public void fault(String reason) {
        report(DeviceStatus.fault(deviceId, reason, clock.instant()));
    }

    public void ok() {
        report(DeviceStatus.ok(deviceId, clock.instant()));
    }

    private void connect() {
        if (closed) {
            return;
        }
        ByteLink l;
        try {
            l = factory.open(port, baud);
            handler.opened(l);
        } catch (IOException | RuntimeException e) {
            report(DeviceStatus.fault(deviceId, "cannot open " + port + ": " + e.getMessage(), clock.instant()));
            retryLater();
            return;
        }
        link = l;
        backoff = FIRST_BACKOFF;
        ok();
        // A platform thread, not a virtual one: jSerialComm and libc reads block in native code, which
        // pins a virtual thread's carrier; two or three readers would starve every other virtual
        // thread on a two-core board (seen in ProbeIT on a 2-core runner).
        Thread.ofPlatform().daemon().name("read-" + deviceId).start(() -> readLoop(l));
    }

    private void readLoop(ByteLink l) {
        byte[] buf = new byte[512];
        while (!closed && link == l) {
            try {
                int n = l.read(buf);
                if (n > 0) {
                    handler.bytes(buf, n);
                }
            } catch (IOException e) {
                lost(l, "device gone: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.error("{}: reader failed", deviceId, e);
                lost(l, "reader failed: " + e.getClass().getSimpleName());
                return;
            }
        }
    }

    private synchronized void lost(ByteLink l, String reason) {
        if (link != l) {
            return; // already handled
        }
        link = null;
        l.close();
        if (!closed && shuttingDown()) {
            // SIGTERM: jSerialComm's own shutdown hook closes every port while the gate is still
            // stopping; that is a stop, not a device fault worth a warning or an alarm.
            closed = true;
            return;
        }
        if (!closed) {
            report(DeviceStatus.fault(deviceId, reason, clock.instant()));
            retryLater();
        }
    }

    /** True once the JVM has begun to run its shutdown hooks. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private void retryLater() {
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        scheduler.schedule(wait, this::connect);
    }

    private synchronized void report(DeviceStatus s) {
        if (s.state() != lastState) {
            lastState = s.state();
            if (s.isOk()) {
                LOG.info("{}: ok on {}", deviceId, port);
            } else {
                LOG.warn("{}: fault: {}", deviceId, s.reason());
            }
            status.accept(s);
        }
    }

    @Override
    public void close() {
        closed = true;
        ByteLink l = link;
        link = null;
        if (l != null) {
            l.close();
        }
    }
}
