package org.gridgate.sim.perf.jmh;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridgate.passage.Direction;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.Verification;
import org.gridgate.passage.Decision;
import org.gridgate.passage.GateMode;
import org.gridgate.passage.MemoryHistory;
import org.gridgate.passage.PassageInputs;
import org.gridgate.passage.Policy;
import org.gridgate.passage.Rules;
import org.gridgate.roster.MemoryRoster;
import org.gridgate.roster.Resident;
import org.gridgate.thermometer.TemperatureReading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The entrance rule, {@link Rules#decide}, on a roster of 2 000 residents with a passage history:
 * a granted entry (green code, one normal reading, mask) and a denied one (fever confirmed by three
 * readings, so the median path runs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesBench {
    private static final Instant NOW = Instant.parse("2026-05-01T07:30:00Z");

    private MemoryRoster roster;
    private MemoryHistory history;
    private Policy policy;
    private PassageInputs granted;
    private PassageInputs fever;

    @Setup
    public void setUp() {
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        List<Resident> residents = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String unit = (1 + i / 200) + "-" + (1000 + i % 200);
            residents.add(new Resident("R-" + (10_000 + i), PersonKind.RESIDENT, unit, unit, Resident.Status.NORMAL,
                    from, to));
        }
        roster = new MemoryRoster();
        roster.replace(residents);
        history = new MemoryHistory();
        for (int i = 0; i < 500; i++) {
            history.granted("R-" + (10_000 + i), "", i % 2 == 0 ? Direction.ENTRY : Direction.EXIT,
                    NOW.minusSeconds(3600 + i));
        }
        policy = new Policy(37.3, 30, 45, true, Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(5),
                0.9, 0.1, ZoneId.of("Asia/Shanghai"), new Policy.Movement(4, Duration.ofDays(3), Duration.ofMinutes(5),
                        false, true, true, Duration.ofSeconds(30), Duration.ofSeconds(20)));
        granted = start("R-11234").withReading(reading(35.6, 1500)).withMask(true);
        fever = start("R-11235").withReading(reading(36.9, 3000)).withReading(reading(36.7, 2000))
                .withReading(reading(37.0, 1000)).withMask(true);
    }

    private static PassageInputs start(String subject) {
        return PassageInputs.start(Direction.ENTRY, NOW.minusSeconds(4), true)
                .withCredential(new Verification.Verified(new HealthCredential(HealthCredential.Format.COMMUNITY_PASS,
                        Colour.GREEN, subject, PersonKind.RESIDENT, "", "pass-1", "0102030405060708",
                        NOW.minusSeconds(60), NOW.plusSeconds(600))));
    }

    private static TemperatureReading reading(double skin, long msAgo) {
        return new TemperatureReading("therm-1", skin, 22.0, NOW.minusMillis(msAgo));
    }

    @Benchmark
    public Decision decideGranted() {
        return Rules.decide(granted, roster, history, policy, GateMode.NORMAL, NOW, false);
    }

    @Benchmark
    public Decision decideFever() {
        return Rules.decide(fever, roster, history, policy, GateMode.NORMAL, NOW, false);
    }
}
