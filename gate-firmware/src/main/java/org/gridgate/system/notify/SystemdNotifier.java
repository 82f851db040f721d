package org.gridgate.system.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gridgate.system.ServiceManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ServiceManager} over systemd's notification socket ({@code sd_notify(3)} protocol): each
 * call is one datagram of newline-separated {@code KEY=VALUE} assignments.
 *
 * <p>Contract: never throws, and never blocks longer than {@link #QUEUE_WAIT} (only while the
 * manager's queue is full). The first failed send is
 * logged as a warning, later ones at debug level (a gate under a vanished manager must not flood
 * its own journal), and counted in {@link #failures()}. Safe to call from any thread.
 */
public final class SystemdNotifier implements ServiceManager {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    /** {@code systemctl status} shows one line; systemd caps a notification at a few kB anyway. */
    static final int MAX_STATUS_CHARS = 256;

    /** Where datagrams go; a seam so message framing is tested without a socket. */
    @FunctionalInterface
    interface Transport {
        void send(byte[] message) throws IOException;
    }

    private final String target;
    private final Transport transport;
    private final AtomicBoolean warned = new AtomicBoolean();
    private final AtomicLong failures = new AtomicLong();

    /**
     * How long one call may wait for room in a full manager queue. systemd drains its socket
     * quickly; a full queue lasting this long means a wedged manager, and the message is dropped.
     */
    static final Duration QUEUE_WAIT = Duration.ofSeconds(1);

    /** A notifier sending to {@code address} (see {@link NotifySocketAddress#parse}). */
    public SystemdNotifier(NotifySocketAddress address) {
        this(address, QUEUE_WAIT);
    }

    SystemdNotifier(NotifySocketAddress address, Duration queueWait) {
        this(address.text(), new UnixDatagramSender(address, queueWait)::send);
    }

    SystemdNotifier(String target, Transport transport) {
        this.target = target;
        this.transport = transport;
    }

    /** {@link #fromEnvironment(Map)} on this process's environment. */
    public static ServiceManager fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * A notifier for {@code NOTIFY_SOCKET} in {@code env}, or {@link ServiceManager#NONE} when it is
     * unset or blank (not started by systemd, or {@code Type=simple}) or unusable (logged).
     */
    public static ServiceManager fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            return ServiceManager.NONE;
        }
        try {
            return new SystemdNotifier(NotifySocketAddress.parse(socket));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring NOTIFY_SOCKET: {}; systemd will not hear from this gate", e.getMessage());
            return ServiceManager.NONE;
        }
    }

    @Override
    public void ready(String status) {
        send("READY=1\nSTATUS=" + oneLine(status));
    }

    @Override
    public void status(String status) {
        send("STATUS=" + oneLine(status));
    }

    @Override
    public void watchdog() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + oneLine(status));
    }

    /** Sends that failed since start; for diagnostics and tests. */
    public long failures() {
        return failures.get();
    }

    /**
     * A status is free text (it may quote a device or a config value): a newline in it would let it
     * smuggle in another assignment such as {@code READY=1}, so control characters become spaces.
     */
    static String oneLine(String status) {
        if (status == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(status.length(), MAX_STATUS_CHARS));
        for (int i = 0; i < status.length() && b.length() < MAX_STATUS_CHARS; i++) {
            char ch = status.charAt(i);
            b.append(Character.isISOControl(ch) ? ' ' : ch);
        }
        // Do not end on half a surrogate pair: it would encode as '?'.
        if (b.length() > 0 && Character.isHighSurrogate(b.charAt(b.length() - 1))) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private void send(String message) {
        try {
            transport.send(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            String first = message.lines().findFirst().orElse("");
            if (warned.compareAndSet(false, true)) {
                LOG.warn("cannot notify systemd at {} ({}): {}; further failures are logged at debug level",
                        target, first, e.toString());
            } else {
                LOG.debug("cannot notify systemd at {} ({}): {}", target, first, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "SystemdNotifier[" + target + "]";
    }
}
