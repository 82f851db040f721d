package org.gridgate.resident.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.Phrases;

/** A clip directory like the rendered one, with a short tone per phrase (no espeak-ng needed). */
public final class TestClips {
    private TestClips() {}

    public static Path write(Path dir) throws IOException {
        for (String lang : new String[] {"zh", "en"}) {
            Path d = Files.createDirectories(dir.resolve(lang));
            for (Phrase p : Phrases.spoken()) {
                AudioClip c = AudioClip.tone(p.key(), 880, 40, 1);
                try (var in = c.stream()) {
                    AudioSystem.write(in, AudioFileFormat.Type.WAVE, d.resolve(p.key() + ".wav").toFile());
                }
            }
        }
        return dir;
    }
}
