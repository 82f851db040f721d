package org.gridgate.sim.perf.decision;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Every garbage collection while it is open, with its pause (the JVM's own notification), and a cheap
 * counter to tell whether a collection ran during a given passage.
 */
final class GcWatch implements NotificationListener, AutoCloseable {
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<Long> pausesMs = new ArrayList<>();

    GcWatch() {
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (b instanceof NotificationEmitter e) {
                e.addNotificationListener(this, null, null);
                emitters.add(e);
            }
        }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            synchronized (pausesMs) {
                pausesMs.add(info.getGcInfo().getDuration());
            }
        }
    }

    /** Collections so far, all collectors together. */
    static long count() {
        long c = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            c += Math.max(0, b.getCollectionCount());
        }
        return c;
    }

    /** E.g. {@code 12 pauses, 31 ms in all, longest 4 ms}. */
    String summary() {
        synchronized (pausesMs) {
            long total = pausesMs.stream().mapToLong(Long::longValue).sum();
            long max = pausesMs.stream().mapToLong(Long::longValue).max().orElse(0);
            return String.format(Locale.ROOT, "%d pauses, %d ms in all, longest %d ms", pausesMs.size(), total, max);
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }
}
