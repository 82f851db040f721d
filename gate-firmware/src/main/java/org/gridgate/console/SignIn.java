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
 * Checks PINs against guessing, parallel or not (docs/security.md, "Console sign-in"). Thread-safe.
 *
 * <ul>
 *   <li>An attempt is counted under the lock <em>before</em> its PIN is checked: a guess in flight holds
 *       one of the account's {@code maxFailures} tries, so nine guesses sent at once get at most that many
 *       checks, and the rest are refused without one.
 *   <li>{@code maxFailures} wrong PINs lock the account (known or not: the answer must not tell which ids
 *       exist) for {@code lockout}, doubled at each lock in a row up to {@link #MAX_BACKOFF} times. Nothing
 *       clears a running lock: not a right PIN that was already in flight, not a later attempt.
 *   <li>Lock-out as a weapon: an address the volunteer signed in from before keeps its own count and its
 *       own lock, so a stranger's wrong guesses lock the account for strangers but not for the volunteer's
 *       own terminal. That address still gets only {@code maxFailures} tries per lock.
 *   <li>Each address may try at most {@link #ATTEMPTS_PER_MINUTE} times a minute, and an address that keeps
 *       failing (across ids) is backed off as an account would be.
 * </ul>
 */
final class SignIn {
    static final int ATTEMPTS_PER_MINUTE = 10;
    /** A lock lasts {@code lockout × 2^(n-1)} for the n-th lock in a row, at most this many lockouts. */
    static final int MAX_BACKOFF = 16;
    /** An address failing this many times as many PINs as an account may, across ids, is locked too. */
    static final int ADDRESS_FACTOR = 2;
    /** Addresses remembered per volunteer as "signed in from here before". */
    static final int KNOWN_ADDRESSES = 8;
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
    /**
     * Keyed by id for strangers, by id + address for an address the id signed in from before. Real ids
     * are never evicted (a flood of made-up ids must not push a running lock out); made-up ids are.
     */
    private final Map<String, Guard> guards = new HashMap<>();
    private final Map<String, Guard> madeUp = bounded();
    private final Map<String, Guard> addresses = bounded();
    private final Map<String, Deque<Instant>> attempts = bounded();
    private final Map<String, Deque<String>> known = new HashMap<>(); // real ids only
    /** Held while a PIN is derived; package-private so a test can hold guesses in flight. */
    final Object verifying = new Object();

    /** Wrong PINs in a row, PINs being checked now, the running lock and how many locks in a row. */
    private static final class Guard {
        int failures;
        int inFlight;
        Instant lockedUntil = Instant.MIN;
        int locks;

        boolean locked(Instant now) {
            return now.isBefore(lockedUntil);
        }

        /** Locks (or extends the lock) until now + base × 2^locks; never shortens a running lock. */
        Instant lock(Instant now, Duration base) {
            Instant until = now.plus(base.multipliedBy(Math.min(1L << Math.min(locks, 30), MAX_BACKOFF)));
            if (until.isAfter(lockedUntil)) {
                lockedUntil = until;
            }
            locks++;
            failures = 0;
            return lockedUntil;
        }
    }

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
        Guard guard;
        Guard address;
        synchronized (this) {
            Instant now = clock.instant();
            Deque<Instant> recent = attempts.computeIfAbsent(remote, r -> new ArrayDeque<>());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(Duration.ofMinutes(1)))) {
                recent.removeFirst();
            }
            if (recent.size() >= ATTEMPTS_PER_MINUTE) {
                return new Result.TooFast(Duration.between(now, recent.peekFirst().plus(Duration.ofMinutes(1))));
            }
            recent.addLast(now);
            address = addresses.computeIfAbsent(remote, r -> new Guard());
            if (address.locked(now)) {
                return new Result.TooFast(Duration.between(now, address.lockedUntil));
            }
            guard = (volunteers.containsKey(id) ? guards : madeUp).computeIfAbsent(guardKey(id, remote),
                    k -> new Guard());
            if (guard.locked(now)) {
                return new Result.Locked(guard.lockedUntil);
            }
            if (guard.failures + guard.inFlight >= config.maxFailures()) {
                // Every try this account has left is being checked right now: this one waits for their answer.
                return new Result.TooFast(Duration.ofSeconds(1));
            }
            guard.inFlight++;
            address.inFlight++;
        }
        Optional<Volunteer> v = Optional.ofNullable(volunteers.get(id));
        boolean ok;
        try {
            synchronized (verifying) {
                // One derivation at a time: a flood of sign-ins from the LAN costs the gate at most one core.
                ok = PinHash.verify(v.map(Volunteer::pin).orElse(dummyHash), pin) && v.isPresent();
            }
        } finally {
            synchronized (this) {
                guard.inFlight--;
                address.inFlight--;
            }
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (guard.locked(now)) {
                return new Result.Locked(guard.lockedUntil); // locked while this PIN was checked: it stays locked
            }
            if (ok) {
                guard.failures = 0;
                guard.locks = 0;
                address.failures = 0;
                remember(id, remote);
                return new Result.Ok(v.get());
            }
            guard.failures++;
            address.failures++;
            if (address.failures >= config.maxFailures() * ADDRESS_FACTOR) {
                address.lock(now, config.lockout());
            }
            if (guard.failures >= config.maxFailures()) {
                return new Result.Locked(guard.lock(now, config.lockout()));
            }
            return new Result.Wrong(config.maxFailures() - guard.failures - guard.inFlight);
        }
    }

    /** Strangers share the id's guard; an address the id signed in from before has its own. */
    private String guardKey(String id, String remote) {
        Deque<String> from = known.get(id);
        return from != null && from.contains(remote) ? id + "\n" + remote : id;
    }

    private void remember(String id, String remote) {
        Deque<String> from = known.computeIfAbsent(id, k -> new ArrayDeque<>());
        if (!from.contains(remote)) {
            from.addLast(remote);
            if (from.size() > KNOWN_ADDRESSES) {
                from.removeFirst();
            }
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
