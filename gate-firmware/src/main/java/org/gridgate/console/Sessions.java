package org.gridgate.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.config.ConsoleConfig.Volunteer;

/**
 * Signed-in volunteers. A session ends after {@code idle} without a request, or at sign-out; each has
 * its own CSRF token that every action must carry. Thread-safe.
 */
final class Sessions {
    static final int MAX_SESSIONS = 64;

    /** One sign-in. {@code token} lives in an HttpOnly cookie, {@code csrf} in the page. */
    record Session(String token, String csrf, String volunteer, Role role, Instant since) {}

    private final Duration idle;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Session> byToken = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };
    private final Map<String, Instant> lastSeen = new java.util.HashMap<>();

    Sessions(Duration idle, Clock clock, SecureRandom random) {
        this.idle = idle;
        this.clock = clock;
        this.random = random;
    }

    synchronized Session open(Volunteer v) {
        Session s = new Session(token(), token(), v.id(), v.role(), clock.instant());
        byToken.put(s.token(), s);
        lastSeen.keySet().retainAll(byToken.keySet());
        lastSeen.put(s.token(), s.since());
        return s;
    }

    /** The live session for {@code token}, which counts as activity; empty if unknown or expired. */
    synchronized Optional<Session> touch(String token) {
        Session s = token == null ? null : byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastSeen.get(token).plus(idle))) {
            close(token);
            return Optional.empty();
        }
        lastSeen.put(token, now);
        return Optional.of(s);
    }

    /** Whether {@code token} still names a live session; unlike {@link #touch} this is not activity. */
    synchronized boolean alive(String token) {
        Instant seen = token == null ? null : lastSeen.get(token);
        return seen != null && byToken.containsKey(token) && clock.instant().isBefore(seen.plus(idle));
    }

    synchronized void close(String token) {
        byToken.remove(token);
        lastSeen.remove(token);
    }

    private String token() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
