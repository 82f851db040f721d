package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gridgate.testing.Await;
import org.gridgate.timing.ManualClock;
import org.junit.jupiter.api.Test;

class SignInTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T02:00:00Z"));
    final SignIn signIn = new SignIn(ConsoleApiTest.config(), clock);

    @Test
    void lockedAfterFiveWrongPinsForTheConfiguredTime() {
        for (int i = 0; i < 4; i++) {
            assertEquals(new SignIn.Result.Wrong(4 - i), signIn.attempt("wang", "1111".toCharArray(), "a" + i));
            clock.advance(Duration.ofSeconds(1));
        }
        SignIn.Result.Locked l = assertInstanceOf(SignIn.Result.Locked.class,
                signIn.attempt("wang", "1111".toCharArray(), "b"));
        assertEquals(clock.instant().plus(Duration.ofMinutes(5)), l.until());
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "c"));
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "c"));
    }

    @Test
    void aRightPinResetsTheCount() {
        for (int i = 0; i < 4; i++) {
            signIn.attempt("wang", "1111".toCharArray(), "a");
        }
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "a"));
        assertEquals(new SignIn.Result.Wrong(4), signIn.attempt("wang", "1111".toCharArray(), "a"));
    }

    @Test
    void unknownIdsAnswerLikeKnownOnes() {
        for (int i = 4; i >= 1; i--) {
            assertEquals(new SignIn.Result.Wrong(i), signIn.attempt("nobody", "2020".toCharArray(), "x"));
        }
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("nobody", "2020".toCharArray(), "x"));
    }

    @Test
    void oneAddressGetsTenTriesAMinute() {
        for (int i = 0; i < SignIn.ATTEMPTS_PER_MINUTE; i++) {
            signIn.attempt("id" + i, "1111".toCharArray(), "10.0.0.9");
        }
        SignIn.Result.TooFast slow = assertInstanceOf(SignIn.Result.TooFast.class,
                signIn.attempt("wang", "2020".toCharArray(), "10.0.0.9"));
        assertEquals(Duration.ofMinutes(1), slow.retryAfter());
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.8"));
        clock.advance(Duration.ofMinutes(1));
        // Ten wrong PINs across ids also locked the address itself, for the account lockout's time.
        assertInstanceOf(SignIn.Result.TooFast.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.9"));
        clock.advance(Duration.ofMinutes(4));
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.9"));
    }

    /**
     * Finding 1 of issue 20: nine wrong PINs sent at once from nine addresses, then the right one. Before
     * the fix every guess passed the lock check before any was verified, and a guess finishing after
     * the lock reset the count and cleared the lock: the right PIN then signed in.
     */
    @Test
    void nineParallelGuessesThenTheRightPinDoNotSignIn() throws Exception {
        ConcurrentLinkedQueue<SignIn.Result> results = new ConcurrentLinkedQueue<>();
        List<Thread> guesses = new ArrayList<>();
        synchronized (signIn.verifying) { // every guess reaches the PIN check before any is answered
            for (int i = 0; i < 9; i++) {
                String from = "127.0.0." + (i + 2);
                guesses.add(Thread.ofPlatform().start(
                        () -> results.add(signIn.attempt("wang", "1111".toCharArray(), from))));
            }
            Await.until(Duration.ofSeconds(10), "all nine guesses in flight or answered",
                    () -> guesses.stream().allMatch(t -> !t.isAlive() || t.getState() == Thread.State.BLOCKED));
        }
        for (Thread t : guesses) {
            t.join(10_000);
        }
        long checked = results.stream().filter(r -> r instanceof SignIn.Result.Wrong || r instanceof SignIn.Result.Locked)
                .count();
        assertTrue(results.stream().filter(r -> !(r instanceof SignIn.Result.TooFast)).count() <= 5,
                "at most maxFailures PINs are checked: " + results + " (" + checked + ")");
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "127.0.0.20"));
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "127.0.0.21"));
    }

    @Test
    void aRightPinInFlightWhenTheLockFallsDoesNotSignIn() throws Exception {
        for (int i = 0; i < 4; i++) {
            signIn.attempt("wang", "1111".toCharArray(), "10.0.0." + i);
        }
        SignIn.Result[] right = new SignIn.Result[1];
        Thread t;
        synchronized (signIn.verifying) {
            t = Thread.ofPlatform().start(() -> right[0] = signIn.attempt("wang", "2020".toCharArray(), "10.0.0.9"));
            Await.until(Duration.ofSeconds(10), "the right PIN in flight", () -> t.getState() == Thread.State.BLOCKED);
            // Its slot is taken: a fifth wrong guess cannot start until it is answered.
            assertInstanceOf(SignIn.Result.TooFast.class, signIn.attempt("wang", "1111".toCharArray(), "10.0.0.8"));
        }
        t.join(10_000);
        assertInstanceOf(SignIn.Result.Ok.class, right[0], "the right PIN took the last try and wins it");
    }

    @Test
    void locksBackOffAndALaterAttemptNeverClearsOne() {
        Duration first = lockOut("wang", "10.0.0.1");
        assertEquals(Duration.ofMinutes(5), first);
        clock.advance(first);
        assertEquals(Duration.ofMinutes(10), lockOut("wang", "10.0.0.2"), "the second lock in a row is twice as long");
        clock.advance(Duration.ofMinutes(9));
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.3"));
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "1111".toCharArray(), "10.0.0.4"));
        clock.advance(Duration.ofMinutes(1));
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.3"));
        assertEquals(Duration.ofMinutes(5), lockOut("wang", "10.0.0.5"), "a sign-in resets the backoff");
    }

    @Test
    void strangersCannotLockAVolunteerOutOfHerOwnTerminal() {
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "127.0.0.1"));
        lockOut("wang", "192.168.1.66");
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "192.168.1.67"));
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "127.0.0.1"));
        // The volunteer's own address still gets only maxFailures tries of its own.
        assertEquals(Duration.ofMinutes(5), lockOut("wang", "127.0.0.1"));
    }

    @Test
    void anAddressGuessingAcrossIdsIsBackedOff() {
        for (int i = 0; i < 2 * 5; i++) {
            signIn.attempt("id" + i, "1111".toCharArray(), "10.0.0.7");
            clock.advance(Duration.ofSeconds(7)); // under the per-minute rate
        }
        assertInstanceOf(SignIn.Result.TooFast.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.7"));
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.6"));
    }

    @Test
    void aFloodOfMadeUpIdsDoesNotEvictALock() {
        lockOut("wang", "10.0.0.1");
        for (int i = 0; i < 1100; i++) { // more than SignIn tracks of made-up ids
            signIn.attempt("fake" + i, "1".toCharArray(), "10.1." + (i / 250) + "." + (i % 250));
        }
        assertInstanceOf(SignIn.Result.Locked.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.2"));
    }

    /** Five wrong PINs from {@code from}; returns how long the lock lasts. */
    private Duration lockOut(String id, String from) {
        SignIn.Result r = null;
        for (int i = 0; i < 5; i++) {
            r = signIn.attempt(id, "1111".toCharArray(), from);
        }
        return Duration.between(clock.instant(), assertInstanceOf(SignIn.Result.Locked.class, r).until());
    }
}
