package org.gridgate.resident.voice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridgate.resident.Phrase;
import org.gridgate.resident.Phrases;

/**
 * Makes the default voice clips from the phrase texts with {@code espeak-ng} (Mandarin voice
 * {@code cmn}, English {@code en}): at build time, or at install time from the package's postinst.
 * A community replaces any clip with its own recording of the same name.
 */
public final class EspeakRenderer {
    static final String[][] VOICES = {{"zh", "cmn"}, {"en", "en"}};

    private EspeakRenderer() {}

    /**
     * Writes {@code DIR/zh/KEY.wav} and {@code DIR/en/KEY.wav} for every spoken phrase. Existing files
     * are kept unless {@code overwrite}: a community's own recordings survive a reinstall.
     *
     * @return the number of clips written
     */
    public static int render(Path dir, boolean overwrite) throws IOException {
        int written = 0;
        for (String[] v : VOICES) {
            Path langDir = Files.createDirectories(dir.resolve(v[0]));
            for (Phrase p : Phrases.spoken()) {
                Path out = langDir.resolve(p.key() + ".wav");
                if (!overwrite && Files.exists(out)) {
                    continue;
                }
                speak(v[1], v[0].equals("zh") ? p.zh() : p.en(), out);
                written++;
            }
        }
        return written;
    }

    private static void speak(String voice, String text, Path out) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Process p = new ProcessBuilder(List.of("espeak-ng", "-v", voice, "-s", "150", "-w", tmp.toString(), text))
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("espeak-ng did not finish within 60 s");
            }
            String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) <= 44) {
                throw new IOException("espeak-ng -v " + voice + " failed (exit " + p.exitValue() + "): " + msg);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
