package org.gridgate.sim.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A community-server worker ({@code sim consume}) in its own JVM, so that the fleet can SIGKILL it
 * in the middle of a batch like a crashed server.
 */
final class ConsumerProcess implements AutoCloseable {
    private final List<String> command;
    private final Path log;
    private Process process;

    ConsumerProcess(String name, List<String> natsUrls, Path db, Path log) {
        this.log = log;
        String java = ProcessHandle.current().info().command().orElse("java");
        command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "org.gridgate.sim.SimMain", "consume",
                "--nats", String.join(",", natsUrls), "--db", db.toString(), "--name", name, "--every", "5s"));
    }

    /** Starts the worker and returns once it is bound to the stream. */
    void start() throws IOException {
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (out) {
                for (String l; (l = out.readLine()) != null; ) {
                    if (l.startsWith("consume: ready")) {
                        ready.complete(true);
                    }
                    java.nio.file.Files.writeString(log, l + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                // the process died: the log says why
            }
            ready.complete(false);
        });
        try {
            if (!ready.get(60, TimeUnit.SECONDS)) {
                throw new IOException("consumer exited before it was ready; see " + log);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("consumer not ready after 60 s; see " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** SIGKILL, whatever it is doing. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
