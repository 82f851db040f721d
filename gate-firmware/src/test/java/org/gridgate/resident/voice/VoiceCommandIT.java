package org.gridgate.resident.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.Phrases;
import org.gridgate.testing.SystemTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default clips made with the real espeak-ng, and the technician's tour of them into one WAV file. */
class VoiceCommandIT {
    @TempDir
    Path dir;

    private int run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return VoiceCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void rendersEveryPhraseInBothLanguagesKeepsOwnRecordingsAndToursThemInOrder() throws Exception {
        SystemTools.require("espeak-ng", "espeak-ng");
        Path clips = dir.resolve("voice");
        Files.createDirectories(clips.resolve("zh"));
        byte[] own = Files.readAllBytes(writeTone(clips.resolve("zh/granted.wav")));
        assertEquals(0, run("render", "--out", clips.toString()));
        for (Phrase p : Phrases.spoken()) {
            for (String lang : new String[] {"zh", "en"}) {
                AudioClip c = AudioClip.read(p.key(), clips.resolve(lang).resolve(p.key() + ".wav"));
                assertTrue(c.seconds() > 0.3 && c.seconds() < 15, lang + "/" + p.key() + " lasts " + c.seconds() + " s");
            }
        }
        assertTrue(java.util.Arrays.equals(own, Files.readAllBytes(clips.resolve("zh/granted.wav"))),
                "a community's own recording is kept");
        AudioClip measuring = AudioClip.read("m", clips.resolve("zh/measuring.detail.wav"));
        assertEquals(22_050f, measuring.format().getSampleRate(), "espeak-ng's 22,050 Hz mono");

        Path tour = dir.resolve("tour.wav");
        assertEquals(0, run("tour", "--clips", clips.toString(), "--out", tour.toString(), "--language", "both"));
        List<String> played = VoiceCommand.tour(clips, dir.resolve("again.wav"), "both");
        assertEquals(List.of("zh/exit_only", "en/exit_only", "zh/exit_only.detail", "en/exit_only.detail"),
                played.subList(0, 4), "the first screen that speaks, Chinese first");
        assertTrue(played.containsAll(List.of("zh/step.mask_on", "en/step.mask_on", "zh/fever", "zh/step.remeasure")));
        AudioClip whole = AudioClip.read("tour", tour);
        assertTrue(whole.seconds() > played.size() * 0.3, "one file with every clip: " + whole.seconds() + " s");
        assertEquals(74, run("tour", "--clips", dir.resolve("nowhere").toString(), "--out", tour.toString()));
        assertEquals(64, run("tour", "--clips", clips.toString()));
    }

    private static Path writeTone(Path file) throws Exception {
        AudioClip c = AudioClip.tone("own", 660, 500, 1);
        try (var in = c.stream()) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }
}
