package org.gridgate.resident.voice;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gridgate.passage.Direction;
import org.gridgate.passage.Reason;
import org.gridgate.resident.NextSteps;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.Phrases;
import org.gridgate.resident.ResidentView;
import org.gridgate.resident.Screen;

/**
 * {@code voice render --out DIR [--overwrite]}: the default clips from the phrase texts with espeak-ng.
 * {@code voice tour --clips DIR --out FILE.wav [--language zh|en|both]}: every prompt the gate can
 * say, in order, into one WAV file for a technician to listen to (and to check replaced clips).
 */
public final class VoiceCommand {
    static final String USAGE = """
            usage: voice render --out DIR [--overwrite]
                   voice tour --clips DIR --out FILE.wav [--language zh|en|both]
            """;

    private VoiceCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 64;
        }
        try {
            return switch (args.get(0)) {
                case "render" -> {
                    Path dir = Path.of(option(args, "--out"));
                    int n = EspeakRenderer.render(dir, args.contains("--overwrite"));
                    out.println("voice: " + n + " clip(s) written to " + dir + " (" + Phrases.spoken().size()
                            + " phrases in zh and en)");
                    yield 0;
                }
                case "tour" -> {
                    String lang = args.contains("--language") ? option(args, "--language").toLowerCase(Locale.ROOT) : "zh";
                    if (!List.of("zh", "en", "both").contains(lang)) {
                        throw new IllegalArgumentException("--language must be zh, en or both");
                    }
                    List<String> played = tour(Path.of(option(args, "--clips")), Path.of(option(args, "--out")), lang);
                    out.println("voice: " + played.size() + " clip(s) in " + option(args, "--out"));
                    yield 0;
                }
                default -> throw new IllegalArgumentException("unknown voice command '" + args.get(0) + "'");
            };
        } catch (IllegalArgumentException e) {
            err.println("voice: " + e.getMessage());
            err.print(USAGE);
            return 64;
        } catch (IOException e) {
            err.println("voice: " + e.getMessage());
            return 74;
        }
    }

    /** Every screen's prompt, then a denial for each reason: the clips in playing order, written to {@code file}. */
    public static List<String> tour(Path clips, Path file, String lang) throws IOException {
        WavFileOutput wav = new WavFileOutput(file);
        List<String> langs = lang.equals("both") ? List.of("zh", "en") : List.of(lang);
        for (ResidentView v : tourViews()) {
            for (Phrase p : Phrases.prompt(v)) {
                for (String l : langs) {
                    Path f = clips.resolve(l).resolve(p.key() + ".wav");
                    if (!Files.isRegularFile(f)) {
                        throw new IOException("clip missing: " + f + " (voice render --out " + clips + ")");
                    }
                    wav.play(AudioClip.read(l + "/" + p.key(), f), () -> false);
                }
            }
        }
        wav.write();
        return wav.played();
    }

    static List<ResidentView> tourViews() {
        List<ResidentView> views = new ArrayList<>();
        for (Screen s : Screen.values()) {
            if (s != Screen.DENIED) {
                views.add(new ResidentView(views.size(), s, Instant.EPOCH, Optional.of(Direction.ENTRY), List.of(),
                        Optional.empty(), Optional.empty()));
            }
        }
        for (Reason r : Reason.values()) {
            NextSteps.of(r).ifPresent(step -> views.add(new ResidentView(views.size(), Screen.DENIED, Instant.EPOCH,
                    Optional.of(Direction.ENTRY), List.of(new ResidentView.Item(NextSteps.reason(r), Optional.of(step))),
                    Optional.empty(), Optional.empty())));
        }
        return views;
    }

    private static String option(List<String> args, String name) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return args.get(i + 1);
    }
}
