package org.gridgate.sim.demo;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.roster.Resident;

/**
 * Makes the demo's people from a seed: the roster the community server publishes, and a stream of
 * passages whose first few cover every kind of outcome once, the rest drawn at random with weights
 * that look like a day at a gate (mostly green residents).
 */
final class PersonGenerator {
    static final int RESIDENTS = 60;
    static final int VISITORS = 8;
    static final int BARRED = 2;
    static final int QUARANTINED = 3;
    /** Residents i and i + HOUSEHOLDS share a household. */
    static final int HOUSEHOLDS = 30;

    private final Random random;
    private final CommunityPassIssuer issuer;
    private final CommunityPassIssuer forger;
    private final LocalDate today;
    private int served;
    private int lastExit = 1;

    PersonGenerator(long seed, CommunityPassIssuer issuer, String prefix, byte[] kid, LocalDate today) {
        this.random = new Random(seed);
        this.issuer = issuer;
        this.today = today;
        // Someone who knows the key id but not the key: signs with a key of their own.
        this.forger = new CommunityPassIssuer(prefix, "forger", newKey().getPrivate(), kid);
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 on this JVM", e);
        }
    }

    List<Resident> roster() {
        List<Resident> out = new ArrayList<>();
        for (int i = 1; i <= RESIDENTS; i++) {
            out.add(new Resident(resident(i), PersonKind.RESIDENT, unit(i), unit(i), Resident.Status.NORMAL,
                    today.minusYears(1), today.plusYears(1)));
        }
        for (int i = 1; i <= VISITORS; i++) {
            out.add(new Resident(visitor(i), PersonKind.VISITOR, unit(i), "", Resident.Status.NORMAL,
                    today.minusDays(1), today.plusDays(2)));
        }
        for (int i = 1; i <= QUARANTINED; i++) {
            out.add(new Resident("R-8" + String.format("%03d", i), PersonKind.RESIDENT, "9-90" + i, "9-90" + i,
                    Resident.Status.HOME_QUARANTINE, today.minusYears(1), today.plusYears(1)));
        }
        for (int i = 1; i <= BARRED; i++) {
            out.add(new Resident("R-9" + String.format("%03d", i), PersonKind.RESIDENT, unit(i), unit(i),
                    Resident.Status.BARRED, today.minusYears(1), today.plusYears(1)));
        }
        return out;
    }

    private static String resident(int i) {
        return String.format("R-%04d", i);
    }

    private static String visitor(int i) {
        return String.format("V-%04d", i);
    }

    private static String unit(int i) {
        int h = (i - 1) % HOUSEHOLDS;
        return (1 + h % 6) + "-" + (1 + h / 6) + "0" + (1 + h % 4);
    }

    Person next(Instant now) {
        Person.Kind kind = served < Person.Kind.values().length ? Person.Kind.values()[served] : draw();
        served++;
        double ambient = 18 + random.nextDouble() * 8;
        double normal = 35.9 + random.nextDouble() * 1.1;
        String someone = resident(1 + random.nextInt(RESIDENTS));
        return switch (kind) {
            case RESIDENT -> new Person(kind, pass(someone, Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient, true,
                    someone);
            case EXIT -> {
                lastExit = 1 + random.nextInt(HOUSEHOLDS);
                yield new Person(kind, pass(resident(lastExit), Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient,
                        true, resident(lastExit));
            }
            case EXIT_SAME_HOUSEHOLD -> {
                int member = lastExit + HOUSEHOLDS <= RESIDENTS ? lastExit + HOUSEHOLDS : lastExit;
                yield new Person(kind, pass(resident(member), Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient,
                        true, resident(member));
            }
            case QUARANTINE_EXIT -> new Person(kind, pass("R-8001", Colour.GREEN, PersonKind.RESIDENT, now), normal,
                    ambient, true, "R-8001");
            case ASSISTED -> new Person(kind, "", normal, ambient, true, someone);
            case LOCKDOWN_VISITOR -> new Person(kind, pass(visitor(1), Colour.GREEN, PersonKind.VISITOR, now), normal,
                    ambient, true, visitor(1));
            case MAINTENANCE -> new Person(kind, pass(someone, Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient,
                    true, someone);
            // Scans, then leaves before the thermometer sees them: the sensor reads the room.
            case WALKS_AWAY -> new Person(kind, pass(someone, Colour.GREEN, PersonKind.RESIDENT, now), ambient, ambient,
                    true, someone);
            case VISITOR -> new Person(kind, pass(visitor(1 + random.nextInt(VISITORS)), Colour.GREEN,
                    PersonKind.VISITOR, now), normal, ambient, true, someone);
            case FEVER -> new Person(kind, pass(someone, Colour.GREEN, PersonKind.RESIDENT, now),
                    37.4 + random.nextDouble() * 1.4, ambient, true, someone);
            case YELLOW -> new Person(kind, pass(someone, Colour.YELLOW, PersonKind.RESIDENT, now), normal, ambient, true, someone);
            case RED -> new Person(kind, pass(someone, Colour.RED, PersonKind.RESIDENT, now), normal, ambient, true, someone);
            case NO_MASK -> new Person(kind, pass(someone, Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient, false, someone);
            case UNKNOWN -> new Person(kind, pass("R-7" + (100 + random.nextInt(900)), Colour.GREEN,
                    PersonKind.RESIDENT, now), normal, ambient, true, someone);
            case BARRED -> new Person(kind, pass("R-9001", Colour.GREEN, PersonKind.RESIDENT, now), normal, ambient, true, someone);
            case EXPIRED -> new Person(kind, issuer.issue(new CommunityPass(Colour.GREEN, someone, PersonKind.RESIDENT,
                    "", "p" + served, now.minus(Duration.ofMinutes(40)), now.minus(Duration.ofMinutes(30)))),
                    normal, ambient, true, someone);
            case FORGED -> new Person(kind, forger.issue(new CommunityPass(Colour.GREEN, someone, PersonKind.RESIDENT,
                    "", "p" + served, now.minusSeconds(30), now.plus(Duration.ofMinutes(10)))), normal, ambient, true, someone);
            case GARBAGE -> new Person(kind, "https://example.invalid/?q=" + Long.toHexString(random.nextLong()),
                    normal, ambient, true, someone);
        };
    }

    private Person.Kind draw() {
        int r = random.nextInt(100);
        if (r < 60) {
            return Person.Kind.RESIDENT;
        }
        Person.Kind[] rest = {Person.Kind.VISITOR, Person.Kind.EXIT, Person.Kind.EXIT, Person.Kind.EXIT,
            Person.Kind.EXIT_SAME_HOUSEHOLD, Person.Kind.QUARANTINE_EXIT, Person.Kind.ASSISTED, Person.Kind.FEVER,
            Person.Kind.YELLOW, Person.Kind.RED, Person.Kind.NO_MASK, Person.Kind.UNKNOWN, Person.Kind.BARRED,
            Person.Kind.EXPIRED, Person.Kind.FORGED, Person.Kind.GARBAGE};
        return rest[random.nextInt(rest.length)];
    }

    private String pass(String subject, Colour colour, PersonKind kind, Instant now) {
        return issuer.issue(new CommunityPass(colour, subject, kind, "", "p" + served,
                now.minusSeconds(30), now.plus(Duration.ofMinutes(10))));
    }

}
