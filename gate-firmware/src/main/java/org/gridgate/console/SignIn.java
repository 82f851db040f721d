package org.gridgate.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ConsoleConfig;
import org.gridgate.config.ConsoleConfig.Volunteer;

/**
 * Checks PINs. An account (known or not: the answer must not tell which ids exist) is locked after
 * {@code maxFailures} wrong PINs in a row for the configured time; each client address may try at
 * most {@link #ATTEMPTS_PER_MINUTE} times a minute. Thread-safe.
 */
final class SignIn {
    static final int ATTEMPTS_PER_MINUTE = 10;
    /** Bounds the memory an attacker can make us spend on made-up ids and addresses. */
    private static final int MAX_TRACKED = 1024;

    sealed interface Result {
        record Ok(Volunteer volunteer) implements Result {}

        record Wrong(int remaining) implements Result {}

        record Locked(Instant until) implements Result {}

        record TooFast(Duration retryAfter) implements Result {}
    }

    private final Map<String, Volunteer> volunteers = new HashMap<>();
    private final ConsoleConfig config;
    private final Clock clock;
    private final String dummyHash;
    private final Map<String, Failures> failures = bounded();
    private final Map<String, Deque<Instant>> attempts = bounded();
    private final Object verifying = new Object();

    private record Failures(int count, Instant lockedUntil) {}

    SignIn(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        config.volunteers().forEach(v -> volunteers.put(v.id(), v));
        // Unknown ids cost as much as known ones: same iteration count as a real entry.
        int iterations = config.volunteers().stream().findFirst().map(v -> iterationsOf(v.pin()))
                .orElse(PinHash.DEFAULT_ITERATIONS);
        // Random bytes in place of a hash: verifying against it costs a real derivation and never matches,
        // and nothing is derived at start-up (the gate's start-to-ready budget is 1.5 s).
        byte[] salt = new byte[16];
        byte[] hash = new byte[32];
        java.security.SecureRandom random = new java.security.SecureRandom();
        random.nextBytes(salt);
        random.nextBytes(hash);
        this.dummyHash = PinHash.PREFIX + "$" + iterations + "$" + java.util.Base64.getEncoder().encodeToString(salt)
                + "$" + java.util.Base64.getEncoder().encodeToString(hash);
    }

    Result attempt(String id, char[] pin, String remote) {
        Instant now = clock.instant();
        synchronized (this) {
            Deque<Instant> recent = attempts.computeIfAbsent(remote, r -> new ArrayDeque<>());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
                recent.removeFirst();
            }
            if (recent.size() >= ATTEMPTS_PER_MINUTE) {
                return new Result.TooFast(Duration.between(now, recent.peekFirst().plus(Duration.ofMinutes(1))));
            }
            recent.addLast(now);
            Failures f = failures.get(id);
            if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
                return new Result.Locked(f.lockedUntil());
            }
        }
        Optional<Volunteer> v = Optional.ofNullable(volunteers.get(id));
        boolean ok;
        synchronized (verifying) {
            // One derivation at a time: a flood of sign-ins from the LAN costs the gate at most one core.
            ok = PinHash.verify(v.map(Volunteer::pin).orElse(dummyHash), pin) && v.isPresent();
        }
        synchronized (this) {
            if (ok) {
                failures.remove(id);
                return new Result.Ok(v.get());
            }
            Failures f = failures.get(id);
            int count = (f == null || f.lockedUntil() != null ? 0 : f.count()) + 1;
            if (count >= config.maxFailures()) {
                Instant until = now.plus(config.lockout());
                failures.put(id, new Failures(count, until));
                return new Result.Locked(until);
            }
            failures.put(id, new Failures(count, null));
            return new Result.Wrong(config.maxFailures() - count);
        }
    }

    private static int iterationsOf(String stored) {
        try {
            return Integer.parseInt(stored.split("\\$")[1]);
        } catch (RuntimeException e) {
            return PinHash.DEFAULT_ITERATIONS;
        }
    }

    private static <V> Map<String, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_TRACKED;
            }
        };
    }
}
