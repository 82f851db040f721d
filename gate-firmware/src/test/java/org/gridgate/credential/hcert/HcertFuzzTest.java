package org.gridgate.credential.hcert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.DccType;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.InMemoryTrustStore;
import org.gridgate.credential.Revocations;
import org.gridgate.credential.TestCredentials;
import org.gridgate.credential.Verification;
import org.gridgate.credential.Verification.Failure;
import org.junit.jupiter.api.Test;

/**
 * Seeded random and mutated inputs at every layer (text, Base45, zlib, COSE, CBOR): the verifier
 * must never throw, and must reject every one of them with a reason. Fixed seed: reproducible.
 */
class HcertFuzzTest {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final Instant NOW = Instant.parse("2026-05-01T07:30:00Z");
    private static final int CASES = 20_000;

    @Test
    void garbageIsAlwaysRejectedWithAReason() throws Exception {
        KeyPair keys = TestCredentials.ecKeys();
        byte[] kid = {7, 7, 7, 7, 7, 7, 7, 7};
        String dcc = TestCredentials.dccText(TestCredentials.dccClaims(DccType.VACCINATION, NOW.minusSeconds(60),
                NOW.plusSeconds(86400), "URN:UVCI:01:XX:FUZZ"), keys.getPrivate(), kid, true);
        String pass = new CommunityPassIssuer("GG1:", "Fuzz", keys.getPrivate(), kid).issue(new CommunityPass(Colour.GREEN,
                "p-1", PersonKind.RESIDENT, "1-1", "pass-1", NOW.minusSeconds(60), NOW.plusSeconds(300)));
        HcertVerifier verifier = new HcertVerifier(new InMemoryTrustStore().add(kid, keys.getPublic()),
                new InMemoryTrustStore().add(kid, keys.getPublic()), Revocations.NONE, HcertVerifier.Options.defaults());
        assertInstanceOf(Verification.Verified.class, verifier.verify(dcc, NOW), "the seeds themselves verify");
        assertInstanceOf(Verification.Verified.class, verifier.verify(pass, NOW));

        List<byte[]> coses = List.of(CoseSign1Helper.cose(dcc), CoseSign1Helper.cose(pass));
        java.util.Set<org.gridgate.credential.HealthCredential> seeds = java.util.Set.of(
                ((Verification.Verified) verifier.verify(dcc, NOW)).credential(),
                ((Verification.Verified) verifier.verify(pass, NOW)).credential());
        int unsignedOnly = 0;
        Random random = new Random(20_260_501L);
        Map<Failure, Integer> seen = new EnumMap<>(Failure.class);
        for (int i = 0; i < CASES; i++) {
            String input = switch (i % 6) {
                case 0 -> mutateText(random, random.nextBoolean() ? dcc : pass);
                case 1 -> randomText(random);
                case 2 -> prefix(random) + Base45.encode(randomBytes(random));
                case 3 -> prefix(random) + Base45.encode(Zlib.deflate(randomBytes(random)));
                case 4 -> prefix(random) + Base45.encode(Zlib.deflate(mutateBytes(random, coses.get(random.nextInt(2)))));
                default -> prefix(random) + Base45.encode(Zlib.deflate(randomCbor(random)));
            };
            Verification v = verifier.verify(input, NOW);
            assertNotNull(v);
            if (v instanceof Verification.Verified ok) {
                // A mutation that only touched unsigned bytes (the unprotected header, say) may still verify,
                // but it must never verify as anything other than one of the signed seeds.
                assertTrue(seeds.contains(ok.credential()), "case " + i + " verified as something never signed");
                unsignedOnly++;
                continue;
            }
            Verification.Rejected r = assertInstanceOf(Verification.Rejected.class, v, "case " + i);
            assertNotNull(r.failure());
            assertFalse(r.detail() == null || r.detail().isBlank(), "case " + i + " has no reason");
            seen.merge(r.failure(), 1, Integer::sum);
        }
        assertEquals(CASES, seen.values().stream().mapToInt(Integer::intValue).sum() + unsignedOnly);
        assertTrue(unsignedOnly < CASES / 100, "almost every mutation is rejected: " + unsignedOnly);
        // The mutations must reach deep layers, not only bounce off the prefix check.
        assertTrue(seen.getOrDefault(Failure.MALFORMED, 0) > CASES / 3, seen.toString());
        assertTrue(seen.getOrDefault(Failure.BAD_SIGNATURE, 0) + seen.getOrDefault(Failure.UNTRUSTED_SIGNER, 0) > 0, seen.toString());
    }

    private static String prefix(Random random) {
        return random.nextBoolean() ? "HC1:" : "GG1:";
    }

    /** One to four edits after the prefix; never the seed itself (a delete and an insert can cancel out). */
    private static String mutateText(Random random, String seed) {
        String mutated;
        do {
            mutated = edit(random, seed);
        } while (mutated.equals(seed));
        return mutated;
    }

    private static String edit(Random random, String seed) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && s.length() > 5; e++) {
            int at = 4 + random.nextInt(s.length() - 4);
            switch (random.nextInt(4)) {
                case 0 -> {
                    char c = s.charAt(at);
                    char d;
                    do {
                        d = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                    } while (d == c);
                    s.setCharAt(at, d);
                }
                case 1 -> s.deleteCharAt(at);
                case 2 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }

    private static String randomText(Random random) {
        int n = random.nextInt(300);
        StringBuilder s = new StringBuilder(n + 4);
        if (random.nextBoolean()) {
            s.append(prefix(random));
        }
        for (int i = 0; i < n; i++) {
            s.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(400)];
        random.nextBytes(b);
        return b;
    }

    private static byte[] mutateBytes(Random random, byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            byte old = b[at];
            do {
                b[at] = (byte) random.nextInt(256);
            } while (b[at] == old);
        }
        return random.nextInt(8) == 0 ? java.util.Arrays.copyOf(b, random.nextInt(b.length)) : b;
    }

    /** Well-formed-looking CBOR heads with arbitrary arguments: deep nests, huge lengths, tags 18 and 61. */
    private static byte[] randomCbor(Random random) {
        List<Byte> out = new ArrayList<>();
        int n = 1 + random.nextInt(64);
        int[] heads = {0xd2, 0xd8, 0x84, 0x9f, 0xbf, 0x5b, 0x7b, 0x9b, 0xbb, 0xa1, 0x43, 0x40, 0xa0, 0xff, 0x3a, 0xf9};
        for (int i = 0; i < n; i++) {
            out.add((byte) (random.nextInt(3) == 0 ? random.nextInt(256) : heads[random.nextInt(heads.length)]));
        }
        byte[] b = new byte[out.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = out.get(i);
        }
        return random.nextBoolean() ? b : ("\u0084" + new String(b, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }
}
