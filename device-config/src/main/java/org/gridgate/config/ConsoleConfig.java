package org.gridgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The volunteer console the daemon serves. Loopback only unless configured otherwise, and then only
 * over TLS (the loader refuses a LAN address without {@link Tls}).
 *
 * @param bind address to listen on, 127.0.0.1 by default
 * @param port TCP port; 0 picks a free one (the simulator prints the URL)
 * @param session how long a sign-in lasts without activity
 * @param maxFailures wrong PINs in a row before the volunteer's account is locked
 * @param lockout how long a locked account stays locked
 */
public record ConsoleConfig(
        String bind,
        int port,
        Optional<Tls> tls,
        Duration session,
        int maxFailures,
        Duration lockout,
        List<Volunteer> volunteers) {

    public ConsoleConfig {
        volunteers = List.copyOf(volunteers);
    }

    public enum Role { VOLUNTEER, LEAD }

    /**
     * One volunteer who may sign in.
     *
     * @param pin {@code pbkdf2-sha256$ITERATIONS$SALT_BASE64$HASH_BASE64}, never the PIN itself
     */
    public record Volunteer(String id, Role role, String pin) {
        @Override
        public String toString() {
            return "Volunteer[" + id + ", " + role + "]"; // the hash stays out of logs
        }
    }

    /** A PKCS#12 keystore with the console's certificate; its password is read from a file. */
    public record Tls(Path keystore, Path passwordFile) {}
}
