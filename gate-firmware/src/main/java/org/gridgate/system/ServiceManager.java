package org.gridgate.system;

/**
 * The service manager watching the daemon (systemd's sd_notify protocol on a gate). Every method is
 * cheap and never throws: a missing manager is not an error.
 */
public interface ServiceManager {
    /** Devices, journal and gate loop are up. */
    void ready(String status);

    /** A one-line summary for {@code systemctl status}. */
    void status(String status);

    /** The gate loop turned since the last call: pet the watchdog. */
    void watchdog();

    void stopping(String status);

    /** For runs without a service manager (tests, the simulator, a terminal). */
    ServiceManager NONE = new ServiceManager() {
        @Override
        public void ready(String status) {}

        @Override
        public void status(String status) {}

        @Override
        public void watchdog() {}

        @Override
        public void stopping(String status) {}
    };
}
