package org.gridgate.sim.devices.camera;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gridgate.credential.HealthCredential;
import org.gridgate.credential.hcert.CommunityPassIssuer;
import org.gridgate.sim.Args;
import org.gridgate.sim.pass.CommunityKey;
import org.gridgate.sim.pass.PassCommand;

/**
 * {@code sim camera}: films residents showing their passes for a gate's camera scanner, and prints
 * the scanner config that plays the film to the gate (the virtual camera).
 */
public final class CameraCommand {
    static final Set<String> OPTIONS = Set.of("--out", "--subjects", "--key", "--looks", "--seconds", "--fps",
            "--ffmpeg", "--prefix", "--issuer", "--direction", "--valid");

    private CameraCommand() {}

    public static int run(List<String> argv, Clock clock, PrintStream out, PrintStream err) {
        Args a;
        List<Degradation> looks;
        List<String> subjects;
        double seconds;
        int fps;
        Duration valid;
        try {
            a = Args.parse(argv, OPTIONS, Set.of("--loop"));
            a.require("--out");
            subjects = Arrays.stream(a.get("--subjects", "R-0001").split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
            looks = new ArrayList<>();
            for (String l : a.get("--looks", "clean").split(",")) {
                looks.add(Degradation.valueOf(l.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            seconds = Double.parseDouble(a.get("--seconds", "2"));
            fps = Integer.parseInt(a.get("--fps", "15"));
            // Gates refuse passes valid longer than policy allows (15 min by default): against screenshots.
            valid = Args.duration(a.get("--valid", "10m"));
            if (subjects.isEmpty() || seconds <= 0 || seconds > 60 || fps < 1 || fps > 60) {
                throw new IllegalArgumentException("--subjects needs a name, --seconds 0-60, --fps 1-60");
            }
        } catch (NumberFormatException e) {
            err.println("gridgate-sim camera: --seconds and --fps are numbers");
            return 64;
        } catch (IllegalArgumentException e) {
            err.println("gridgate-sim camera: " + e.getMessage() + " (looks: "
                    + String.join(",", Arrays.stream(Degradation.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList()) + ")");
            return 64;
        }
        try {
            Path dir = Files.createDirectories(Path.of(a.require("--out")));
            CommunityKey key = CommunityKey.loadOrCreate(Path.of(a.get("--key", dir.resolve("community-key.pem").toString())));
            CommunityPassIssuer issuer = new CommunityPassIssuer(a.get("--prefix", "GG1:"), a.get("--issuer", "community"),
                    key.pair().getPrivate(), key.kid());
            List<String> codes = new ArrayList<>();
            for (String s : subjects) {
                codes.add(issuer.issue(PassCommand.pass(new PassCommand.Request(s, HealthCredential.Colour.GREEN,
                        HealthCredential.PersonKind.RESIDENT, "", valid), clock.instant())));
            }
            String ffmpeg = a.get("--ffmpeg", "ffmpeg");
            Path film = VirtualCamera.film(dir, codes, looks, seconds, fps, ffmpeg);
            out.println("filmed " + codes.size() + " pass(es), valid " + valid.toMinutes() + " min from now, to " + film);
            out.println("scanner config for the gate (under scanners:):");
            out.print(VirtualCamera.snippet("camera-" + a.get("--direction", "entry"), a.get("--direction", "entry"),
                    VirtualCamera.command(ffmpeg, film.toAbsolutePath(), a.flag("--loop"))));
            out.print(key.anchorYaml());
            return 0;
        } catch (java.io.IOException e) {
            err.println("gridgate-sim camera: " + e.getMessage());
            return 73;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
