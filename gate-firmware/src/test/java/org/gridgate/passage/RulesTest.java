package org.gridgate.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.Verification;
import org.gridgate.roster.MemoryRoster;
import org.gridgate.roster.Resident;
import org.gridgate.thermometer.TemperatureReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesTest {
    static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    static final Policy POLICY = new Policy(37.3, 30, 45, true, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5),
            0.0, 0.0, ZoneId.of("Asia/Shanghai"), Policy.Movement.DEFAULTS);
    static final MemoryRoster ROSTER = new MemoryRoster();

    static {
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        ROSTER.replace(List.of(
                new Resident("R-1001", PersonKind.RESIDENT, "3-1201", "3-1201", Resident.Status.NORMAL, from, to),
                new Resident("R-1002", PersonKind.RESIDENT, "3-1202", "3-1202", Resident.Status.BARRED, from, to),
                new Resident("V-2001", PersonKind.VISITOR, "3-1201", "", Resident.Status.NORMAL, from,
                        LocalDate.parse("2026-02-28"))));
    }

    static Verification code(String subject, Colour colour) {
        return new Verification.Verified(new HealthCredential(HealthCredential.Format.COMMUNITY_PASS, colour, subject,
                PersonKind.RESIDENT, "3-1201", "p1", "kid1", NOW.minusSeconds(60), NOW.plusSeconds(600)));
    }

    static PassageInputs inputs(Verification v, Double skin, Boolean mask) {
        PassageInputs in = PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(2), true);
        if (v != null) {
            in = in.withCredential(v);
        }
        if (skin != null) {
            in = in.withReading(new TemperatureReading("t", skin, 22.0, NOW.minusSeconds(1)));
        }
        if (mask != null) {
            in = in.withMask(mask);
        }
        return in;
    }

    static Stream<Arguments> table() {
        Verification green = code("R-1001", Colour.GREEN);
        return Stream.of(
                Arguments.of("all good", inputs(green, 36.6, true), List.of()),
                Arguments.of("fever", inputs(green, 37.3, true), List.of(Reason.FEVER)),
                Arguments.of("just under", inputs(green, 37.29, true), List.of()),
                Arguments.of("yellow", inputs(code("R-1001", Colour.YELLOW), 36.6, true), List.of(Reason.CODE_YELLOW)),
                Arguments.of("red", inputs(code("R-1001", Colour.RED), 36.6, true), List.of(Reason.CODE_RED)),
                Arguments.of("no mask", inputs(green, 36.6, false), List.of(Reason.NO_MASK)),
                Arguments.of("mask unknown", inputs(green, 36.6, null), List.of(Reason.NO_MASK)),
                Arguments.of("unknown person", inputs(code("R-9999", Colour.GREEN), 36.6, true),
                        List.of(Reason.NOT_REGISTERED)),
                Arguments.of("barred", inputs(code("R-1002", Colour.GREEN), 36.6, true), List.of(Reason.BARRED)),
                Arguments.of("visitor past window", inputs(code("V-2001", Colour.GREEN), 36.6, true),
                        List.of(Reason.REGISTRATION_NOT_VALID)),
                Arguments.of("nobody at the sensor", inputs(green, 24.0, true), List.of(Reason.NO_TEMPERATURE)),
                Arguments.of("no reading", inputs(green, null, true), List.of(Reason.NO_TEMPERATURE)),
                Arguments.of("no code", inputs(null, 36.6, true), List.of(Reason.NO_IDENTITY, Reason.CODE_MISSING)),
                Arguments.of("garbage code", inputs(new Verification.Rejected(Verification.Failure.UNREADABLE, "x"),
                        36.6, true), List.of(Reason.NO_IDENTITY, Reason.CODE_UNREADABLE)),
                Arguments.of("expired code", inputs(new Verification.Rejected(Verification.Failure.EXPIRED, "x"),
                        36.6, true), List.of(Reason.NO_IDENTITY, Reason.CODE_EXPIRED)),
                Arguments.of("forged code", inputs(new Verification.Rejected(Verification.Failure.BAD_SIGNATURE, "x"),
                        36.6, true), List.of(Reason.NO_IDENTITY, Reason.CODE_BAD_SIGNATURE)),
                Arguments.of("everything wrong", inputs(code("R-9999", Colour.RED), 39.0, false),
                        List.of(Reason.NOT_REGISTERED, Reason.FEVER, Reason.CODE_RED, Reason.NO_MASK)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, PassageInputs in, List<Reason> expected) {
        Decision d = Rules.decide(in, ROSTER, POLICY, GateMode.NORMAL, NOW);
        assertEquals(expected, d.denialReasons());
        assertEquals(expected.isEmpty(), d.granted());
        assertEquals(5, d.checks().size(), "every check is reported");
    }

    @Test
    void calibrationTurnsSkinIntoBodyTemperature() {
        Policy calibrated = new Policy(37.3, 30, 45, true, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5), 0.3, 0.1,
                ZoneId.of("UTC"), Policy.Movement.DEFAULTS);
        PassageInputs in = inputs(code("R-1001", Colour.GREEN), 36.5, true); // ambient 22.0
        Decision d = Rules.decide(in, ROSTER, calibrated, GateMode.NORMAL, NOW);
        // 36.5 + 0.3 + 0.1 * (36.5 - 22.0) = 38.25
        assertEquals(38.25, d.temperature().orElseThrow().bodyC(), 1e-9);
        assertEquals(List.of(Reason.FEVER), d.denialReasons());
        assertEquals(36.5, d.temperature().orElseThrow().skinC());
    }

    @Test
    void readingOlderThanTheWindowIsNotUsed() {
        PassageInputs in = PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(40), true)
                .withCredential(code("R-1001", Colour.GREEN))
                .withReading(new TemperatureReading("t", 36.6, 22, NOW.minusSeconds(30)))
                .withMask(true);
        assertEquals(List.of(Reason.NO_TEMPERATURE), Rules.decide(in, ROSTER, POLICY, GateMode.NORMAL, NOW).denialReasons());
    }

    @Test
    void thermometerOfflineDeniesEntryWithItsOwnReason() {
        PassageInputs in = inputs(code("R-1001", Colour.GREEN), null, true).withThermometerOnline(false);
        assertEquals(List.of(Reason.THERMOMETER_OFFLINE), Rules.decide(in, ROSTER, POLICY, GateMode.NORMAL, NOW).denialReasons());
        assertTrue(Rules.complete(in, POLICY, NOW), "no need to wait for a reading that cannot come");
    }

    @Test
    void maskPolicyOffPassesWithoutASignal() {
        Policy off = new Policy(37.3, 30, 45, false, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5), 0, 0, ZoneId.of("UTC"), Policy.Movement.DEFAULTS);
        Decision d = Rules.decide(inputs(code("R-1001", Colour.GREEN), 36.6, null), ROSTER, off, GateMode.NORMAL, NOW);
        assertTrue(d.granted());
    }

    @Test
    void completeOnlyWhenEveryNeededInputIsIn() {
        Verification green = code("R-1001", Colour.GREEN);
        assertFalse(Rules.complete(inputs(green, null, true), POLICY, NOW));
        assertFalse(Rules.complete(inputs(green, 36.6, null), POLICY, NOW));
        assertFalse(Rules.complete(inputs(null, 36.6, true), POLICY, NOW));
        assertFalse(Rules.complete(inputs(green, 25.0, true), POLICY, NOW), "implausible reading: wait for another");
        assertTrue(Rules.complete(inputs(green, 36.6, true), POLICY, NOW));
    }

    @Test
    void exitNeedsOnlyIdentity() {
        PassageInputs in = PassageInputs.start(Direction.EXIT, NOW, true).withCredential(code("R-1001", Colour.RED));
        Decision d = Rules.decide(in, ROSTER, POLICY, GateMode.NORMAL, NOW);
        assertTrue(d.granted());
        assertTrue(Rules.complete(in, POLICY, NOW));
    }

    /** No combination of inputs grants with a failed required check (independent oracle). */
    @Test
    void noCombinationGrantsWithAFailedRequiredCheck() {
        Random rnd = new Random(42);
        Colour[] colours = Colour.values();
        String[] subjects = {"R-1001", "R-1002", "V-2001", "R-9999"};
        int granted = 0;
        for (int i = 0; i < 20_000; i++) {
            String subject = subjects[rnd.nextInt(subjects.length)];
            Verification v = switch (rnd.nextInt(4)) {
                case 0 -> null;
                case 1 -> new Verification.Rejected(Verification.Failure.values()[rnd.nextInt(7)], "x");
                default -> code(subject, colours[rnd.nextInt(colours.length)]);
            };
            Double skin = rnd.nextInt(5) == 0 ? null : 20 + rnd.nextDouble() * 30;
            Boolean mask = rnd.nextInt(3) == 0 ? null : rnd.nextBoolean();
            boolean online = rnd.nextInt(10) != 0;
            PassageInputs in = inputs(v, skin, mask).withThermometerOnline(online);
            Decision d = Rules.decide(in, ROSTER, POLICY, GateMode.NORMAL, NOW);
            boolean oracle = v instanceof Verification.Verified ver
                    && ver.credential().colour() == Colour.GREEN
                    && ver.credential().subject().equals("R-1001")
                    && online && skin != null && skin >= 30 && skin <= 45 && skin < 37.3
                    && Boolean.TRUE.equals(mask);
            assertEquals(oracle, d.granted(), () -> "inputs " + in);
            granted += d.granted() ? 1 : 0;
        }
        assertTrue(granted > 20, "the generator must reach grants too: " + granted);
    }

    @Test
    void decisionRefusesAGrantWithAFailedCheck() {
        Check failed = Check.fail(Check.Kind.MASK, Reason.NO_MASK, "");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Decision(
                Outcome.GRANTED, Direction.ENTRY, NOW, List.of(failed), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), GateMode.NORMAL));
    }

    @Test
    void maintenanceClosesEntryButNotExit() {
        PassageInputs entry = inputs(code("R-1001", Colour.GREEN), 36.6, true);
        assertEquals(List.of(Reason.GATE_CLOSED),
                Rules.decide(entry, ROSTER, POLICY, GateMode.MAINTENANCE, NOW).denialReasons());
        PassageInputs exit = PassageInputs.start(Direction.EXIT, NOW, true).withCredential(code("R-1001", Colour.GREEN));
        assertTrue(Rules.decide(exit, ROSTER, POLICY, GateMode.MAINTENANCE, NOW).granted());
    }

    @Test
    void lockdownAdmitsResidentsOnly() {
        MemoryRoster r = new MemoryRoster();
        r.replace(List.of(new Resident("V-1", PersonKind.VISITOR, "3-1201", "", Resident.Status.NORMAL,
                LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03"))));
        PassageInputs visitor = inputs(code("V-1", Colour.GREEN), 36.6, true);
        assertTrue(Rules.decide(visitor, r, POLICY, GateMode.NORMAL, NOW).granted());
        assertEquals(List.of(Reason.LOCKDOWN_VISITOR), Rules.decide(visitor, r, POLICY, GateMode.LOCKDOWN, NOW).denialReasons());
        assertTrue(Rules.decide(inputs(code("R-1001", Colour.GREEN), 36.6, true), ROSTER, POLICY, GateMode.LOCKDOWN, NOW)
                .granted());
    }

    @Test
    void assistedPassStandsInForTheCodeButTemperatureAndMaskStillCount() {
        PassageInputs.Assisted a = new PassageInputs.Assisted("vol-7", "R-1001");
        PassageInputs ok = PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(1), true).withAssisted(a)
                .withReading(new TemperatureReading("t", 36.5, 22, NOW)).withMask(true);
        Decision d = Rules.decide(ok, ROSTER, POLICY, GateMode.NORMAL, NOW);
        assertTrue(d.granted());
        assertEquals(Optional.of("vol-7"), d.assistedBy());
        assertEquals(Reason.ASSISTED_PASS, d.checks().get(2).reason());
        PassageInputs fever = PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(1), true).withAssisted(a)
                .withReading(new TemperatureReading("t", 38.0, 22, NOW)).withMask(true);
        assertEquals(List.of(Reason.FEVER), Rules.decide(fever, ROSTER, POLICY, GateMode.NORMAL, NOW).denialReasons());
        PassageInputs stranger = PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(1), true)
                .withAssisted(new PassageInputs.Assisted("vol-7", "R-0000"))
                .withReading(new TemperatureReading("t", 36.5, 22, NOW)).withMask(true);
        assertEquals(List.of(Reason.NOT_REGISTERED),
                Rules.decide(stranger, ROSTER, POLICY, GateMode.NORMAL, NOW).denialReasons());
    }
}
