package org.gridgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.config.ConsoleConfig.Tls;
import org.gridgate.config.ConsoleConfig.Volunteer;

/** Reads the {@code console:} section: where it listens, TLS, sign-in limits and the volunteers. */
final class ConsoleSection {
    /** Fewer PBKDF2 rounds than this make a stolen config a PIN list within minutes. */
    static final int MIN_ITERATIONS = 10_000;

    private ConsoleSection() {}

    static ConsoleConfig read(Section s, Path base) {
        String bind = s.string("bind", "127.0.0.1");
        int port = (int) s.integer("port", 8080, 0, 65_535);
        Optional<Tls> tls = s.optSection("tls").map(t -> {
            Tls v = new Tls(t.resolve("keystore", t.string("keystore"), base),
                    t.resolve("passwordFile", t.string("passwordFile"), base));
            t.finish();
            return v;
        });
        boolean loopback = loopback(s, bind);
        if (!loopback && tls.isEmpty()) {
            s.problem("bind", "'" + bind + "' is reachable from the LAN: configure console.tls (a PKCS#12 keystore)"
                    + " or bind 127.0.0.1");
        }
        long sessionMin = s.integer("sessionMinutes", 480, 1, 24 * 60);
        int maxFailures = (int) s.integer("maxFailures", 5, 1, 100);
        long lockoutS = s.integer("lockoutS", 300, 1, 86_400);
        List<Volunteer> volunteers = s.list("volunteers", ConsoleSection::volunteer);
        Set<String> ids = new HashSet<>();
        for (Volunteer v : volunteers) {
            if (!v.id().isEmpty() && !ids.add(v.id())) {
                s.problem("volunteers", "volunteer id '" + v.id() + "' appears twice");
            }
        }
        return new ConsoleConfig(bind, port, tls, Duration.ofMinutes(sessionMin), maxFailures,
                Duration.ofSeconds(lockoutS), volunteers);
    }

    private static boolean loopback(Section s, String bind) {
        // Only literals (and "localhost") reach InetAddress, so it never asks DNS: IPv4 as four
        // octets, IPv6 with at least one colon.
        String octet = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
        if (!bind.matches(octet + "(\\." + octet + "){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:]*|localhost")) {
            s.problem("bind", "must be an IP address such as 127.0.0.1, got '" + bind + "'");
            return true;
        }
        try {
            return InetAddress.getByName(bind).isLoopbackAddress(); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            s.problem("bind", "not an IP address: '" + bind + "'");
            return true;
        }
    }

    private static Volunteer volunteer(Section v) {
        String id = v.string("id");
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")) {
            v.problem("id", "must be 1-32 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        Role role = v.choice("role", Role.class, Role.VOLUNTEER, false);
        String pin = v.string("pin");
        if (!pin.isEmpty()) {
            checkPinHash(v, pin);
        }
        return new Volunteer(id, role, pin);
    }

    /** Never echoes the value: it is a secret's hash. */
    private static void checkPinHash(Section v, String pin) {
        String[] parts = pin.split("\\$", -1);
        String format = "must be pbkdf2-sha256$ITERATIONS$SALT$HASH (make one with "
                + "`gridgate-gate.jar console hash-pin`), not the PIN itself";
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            v.problem("pin", format);
            return;
        }
        try {
            long iterations = Long.parseLong(parts[1]);
            if (iterations < MIN_ITERATIONS || iterations > 10_000_000) {
                v.problem("pin", "iterations must be between " + MIN_ITERATIONS + " and 10000000");
            }
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length < 8 || hash.length < 16) {
                v.problem("pin", "salt must be at least 8 bytes and hash at least 16 bytes");
            }
        } catch (IllegalArgumentException e) {
            v.problem("pin", format);
        }
    }
}
