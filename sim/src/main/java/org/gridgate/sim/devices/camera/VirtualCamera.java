package org.gridgate.sim.devices.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The simulator's camera: a film of residents holding up their passes (phone-like frames from
 * {@link PhoneScreens}, with the chosen degradations), encoded by ffmpeg as MJPEG as a UVC webcam
 * sends it, and the command that plays it to the gate as raw grey frames in real time. A gate whose
 * camera scanner runs that command reads the film through its whole real camera path.
 */
public final class VirtualCamera {
    /** Distinct pictures a second of film (each held for several video frames, as a hand moves). */
    static final int POSES_PER_SECOND = 5;

    private VirtualCamera() {}

    /**
     * Films {@code codes} one after another: an empty screen, then the code held up for
     * {@code secondsEach}, each showing in the next of {@code looks}.
     *
     * @return the film ({@code camera.mkv} in {@code dir})
     */
    public static Path film(Path dir, List<String> codes, List<Degradation> looks, double secondsEach, int fps,
            String ffmpeg) throws IOException, InterruptedException {
        if (codes.isEmpty() || looks.isEmpty()) {
            throw new IllegalArgumentException("a film needs at least one code and one look");
        }
        Path frames = Files.createDirectories(dir.resolve("camera-frames"));
        int n = 0;
        long seed = 1;
        for (int i = 0; i < codes.size(); i++) {
            Degradation look = looks.get(i % looks.size());
            // The phone comes up: a screen without the code for a moment.
            for (int k = 0; k < POSES_PER_SECOND / 2 + 1; k++) {
                write(frames, n++, PhoneScreens.emptyFrame(seed++));
            }
            int poses = Math.max(1, (int) Math.round(secondsEach * POSES_PER_SECOND));
            for (int k = 0; k < poses; k++) {
                write(frames, n++, PhoneScreens.frame(codes.get(i), look, seed++));
            }
        }
        for (int k = 0; k < POSES_PER_SECOND; k++) {
            write(frames, n++, PhoneScreens.emptyFrame(seed++));
        }
        Path film = dir.resolve("camera.mkv");
        List<String> encode = List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-framerate", Integer.toString(POSES_PER_SECOND), "-i", frames.resolve("frame-%05d.png").toString(),
                "-r", Integer.toString(fps), "-c:v", "mjpeg", "-q:v", "5", "-pix_fmt", "yuvj420p", film.toString());
        Process p = new ProcessBuilder(encode).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg could not encode the film: " + output.strip());
        }
        try (var s = Files.list(frames)) {
            for (Path f : s.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(frames);
        return film;
    }

    /** The frame grabber for the gate: plays the film at its own rate (as a camera delivers), as raw grey. */
    public static List<String> command(String ffmpeg, Path film, boolean loop) {
        List<String> c = new ArrayList<>(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-re"));
        if (loop) {
            c.addAll(List.of("-stream_loop", "-1"));
        }
        c.addAll(List.of("-i", film.toString(), "-f", "rawvideo", "-pix_fmt", "gray", "-"));
        return c;
    }

    /** The config lines of a camera scanner playing {@code film}. */
    public static String snippet(String id, String direction, List<String> command) {
        StringBuilder s = new StringBuilder();
        s.append("  - id: ").append(id).append('\n');
        s.append("    direction: ").append(direction).append('\n');
        s.append("    transport: camera\n");
        s.append("    camera:\n");
        s.append("      source: command\n");
        s.append("      width: ").append(PhoneScreens.FRAME_WIDTH).append('\n');
        s.append("      height: ").append(PhoneScreens.FRAME_HEIGHT).append('\n');
        s.append("      command: [");
        for (int i = 0; i < command.size(); i++) {
            s.append(i == 0 ? "" : ", ").append('\'').append(command.get(i).replace("'", "''")).append('\'');
        }
        s.append("]\n");
        return s.toString();
    }

    private static void write(Path dir, int n, java.awt.image.BufferedImage frame) throws IOException {
        ImageIO.write(frame, "png", dir.resolve(String.format("frame-%05d.png", n)).toFile());
    }
}
