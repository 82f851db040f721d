package org.gridgate.sim.pass;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.gridgate.credential.CommunityPass;
import org.gridgate.credential.HealthCredential.Colour;
import org.gridgate.credential.HealthCredential.PersonKind;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.credential.qr.QrCodes;
import org.gridgate.sim.Args;

/**
 * {@code sim pass}: issues one community health pass, prints its text (what a scanner reads) and
 * writes the QR code as a PNG. The key file is created on first use and reused afterwards.
 */
public final class PassCommand {
    static final Set<String> OPTIONS = Set.of("--subject", "--colour", "--kind", "--valid", "--key", "--out", "--unit",
            "--prefix", "--issuer", "--size");

    private PassCommand() {}

    /** What one pass says; {@code validFor} counts from now. */
    public record Request(String subject, Colour colour, PersonKind kind, String unit, Duration validFor) {}

    public static int run(List<String> argv, Clock clock, PrintStream out, PrintStream err) {
        Args a;
        Request r;
        int size;
        try {
            a = Args.parse(argv, OPTIONS, Set.of());
            r = new Request(a.require("--subject"), colour(a.get("--colour", "green")),
                    kind(a.get("--kind", "resident")), a.get("--unit", ""), Args.duration(a.get("--valid", "10m")));
            size = Integer.parseInt(a.get("--size", "400"));
            if (size < 21 || size > 4096) {
                throw new IllegalArgumentException("--size must be 21 to 4096 pixels");
            }
            if (r.validFor().isNegative() || r.validFor().isZero()) {
                throw new IllegalArgumentException("--valid must be positive");
            }
        } catch (NumberFormatException e) {
            err.println("gridgate-sim pass: --size must be a whole number of pixels");
            return 64;
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim pass: " + e.getMessage());
            return 64;
        }
        Path keyFile = Path.of(a.get("--key", "community-key.pem"));
        try {
            boolean existed = Files.exists(keyFile);
            CommunityKey key = CommunityKey.loadOrCreate(keyFile);
            if (!existed) {
                err.println("generated community key " + keyFile + "; gates trust its passes with:");
                err.print(key.anchorYaml());
            }
            CommunityPassIssuer issuer = new CommunityPassIssuer(a.get("--prefix", "GG1:"),
                    a.get("--issuer", "community"), key.pair().getPrivate(), key.kid());
            String text = issuer.issue(pass(r, clock.instant()));
            out.println(text);
            // The picture encodes the printed text itself: a second signature would differ (ECDSA is randomised).
            a.get("--out").ifPresent(png -> {
                try {
                    Files.write(Path.of(png), QrCodes.encodePng(text, size));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return 0;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("gridgate-sim pass: " + e.getMessage());
            return 73;
        }
    }

    /** The pass for {@code r} issued at {@code now} (backdated 30 s, so a gate clock a little behind accepts it). */
    public static CommunityPass pass(Request r, Instant now) {
        return new CommunityPass(r.colour(), r.subject(), r.kind(), r.unit(), UUID.randomUUID().toString(),
                now.minusSeconds(30), now.plus(r.validFor()));
    }

    public static Colour colour(String s) {
        try {
            return Colour.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("colour must be green, yellow or red, not '" + s + "'");
        }
    }

    public static PersonKind kind(String s) {
        try {
            return PersonKind.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind must be resident, visitor or staff, not '" + s + "'");
        }
    }
}
