package org.gridgate.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system tool to completion with a time limit; output is captured through files, never lost to a full pipe. */
record Command(int exit, String out, String err) {
    private static final Duration LIMIT = Duration.ofMinutes(2);

    static Command run(Path workDir, String... argv) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        Process p = new ProcessBuilder(List.of(argv))
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", argv) + " did not finish within " + LIMIT);
        }
        return new Command(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Like {@link #run} but the tool must succeed. */
    static Command ok(Path workDir, String... argv) throws IOException, InterruptedException {
        Command c = run(workDir, argv);
        assertEquals(0, c.exit, () -> String.join(" ", argv) + " failed:\n" + c.out + c.err);
        return c;
    }

    String all() {
        return out + err;
    }
}
