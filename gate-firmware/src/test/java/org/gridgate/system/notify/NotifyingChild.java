package org.gridgate.system.notify;

import java.util.concurrent.CountDownLatch;
import org.gridgate.system.ServiceManager;

/**
 * A stand-in daemon for {@link SystemdNotifierProcessIT}: reports READY with its pid, then waits
 * until it is terminated and reports STOPPING from a shutdown hook, as the real gate does on SIGTERM.
 */
public final class NotifyingChild {
    private NotifyingChild() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceManager sm = SystemdNotifier.fromEnvironment();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> sm.stopping("terminated")));
        sm.ready("pid " + ProcessHandle.current().pid());
        new CountDownLatch(1).await(); // parked until SIGTERM; nothing ever counts it down
    }
}
