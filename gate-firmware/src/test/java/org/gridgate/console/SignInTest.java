package org.gridgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
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
        assertInstanceOf(SignIn.Result.Ok.class, signIn.attempt("wang", "2020".toCharArray(), "10.0.0.9"));
    }
}
