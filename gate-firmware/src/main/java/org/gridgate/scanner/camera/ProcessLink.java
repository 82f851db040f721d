package org.gridgate.scanner.camera;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridgate.device.ByteLink;

/**
 * The standard output of a frame-grabbing program (ffmpeg, rpicam-vid) as a byte link: the program
 * exiting is the device going away, and closing the link stops the program. What it last said on its
 * standard error names the fault ("No such file or directory", "Device or resource busy").
 */
final class ProcessLink implements ByteLink {
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration ERRORS_GRACE = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private final InputStream frames;
    private final Thread errors;
    private volatile String lastError = "";

    private ProcessLink(String name, Process process) {
        this.name = name;
        this.process = process;
        this.frames = process.getInputStream();
        // A platform thread: a blocking pipe read would pin a virtual thread's carrier (see LinkSession).
        this.errors = Thread.ofPlatform().daemon().name("stderr-" + name).start(this::drainErrors);
    }

    static ProcessLink start(String name, List<String> command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new ProcessLink(name, b.start());
    }

    private void drainErrors() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    lastError = line.length() > 200 ? line.substring(0, 200) : line.strip();
                }
            }
        } catch (IOException e) {
            // the program is gone; what it said last is kept
        }
    }

    @Override
    public int read(byte[] buf) throws IOException {
        int n = frames.read(buf);
        if (n < 0) {
            throw new IOException(exitMessage());
        }
        return n;
    }

    private String exitMessage() {
        try {
            if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                // Its last words may still be in the pipe: the error reader ends when the pipe closes
                // (at exit, unless a child of the program holds it: bounded).
                errors.join(ERRORS_GRACE);
                return name + " exited with status " + process.exitValue() + (lastError.isEmpty() ? "" : ": " + lastError);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name + " closed its output" + (lastError.isEmpty() ? "" : ": " + lastError);
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        throw new IOException(name + ": a camera takes no commands");
    }

    @Override
    public String name() {
        return name;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
