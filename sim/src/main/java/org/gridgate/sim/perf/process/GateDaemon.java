package org.gridgate.sim.perf.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real daemon as systemd starts it: {@code java <unit flags> -jar gridgate-gate.jar run --config
 * FILE} with {@code NOTIFY_SOCKET} set. Finds the packaged gate jar next to the sim's build; where
 * there is none (a sim jar copied elsewhere) the same {@code Main} runs from the sim's own classpath,
 * which the report notes because a bigger jar starts a little slower.
 */
final class GateDaemon {
    private final List<String> launch;
    private final String described;

    private GateDaemon(List<String> launch, String described) {
        this.launch = launch;
        this.described = described;
    }

    static GateDaemon locate() {
        Optional<Path> jar = gateJar();
        if (jar.isPresent()) {
            return new GateDaemon(List.of("-jar", jar.get().toString()), jar.get().toString());
        }
        return new GateDaemon(List.of("-cp", System.getProperty("java.class.path"), "org.gridgate.system.Main"),
                "org.gridgate.system.Main from the sim classpath (no gridgate-gate.jar found)");
    }

    /** {@code -Dgridgate.gateJar}, {@code GRIDGATE_GATE_JAR}, else the reactor's gate-firmware/target. */
    static Optional<Path> gateJar() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("gridgate.gateJar")).map(Path::of).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("GRIDGATE_GATE_JAR")).map(Path::of).ifPresent(candidates::add);
        Path rel = Path.of("gate-firmware", "target", "gridgate-gate.jar");
        candidates.add(rel);
        candidates.add(Path.of("..").resolve(rel));
        try {
            Path self = Path.of(GateDaemon.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // sim/target/gridgate-sim.jar or sim/target/classes: the project root is two levels up
            candidates.add(self.getParent().getParent().getParent().resolve(rel));
        } catch (Exception | Error e) {
            // no code source: the other candidates
        }
        return candidates.stream().filter(Files::isRegularFile).map(p -> p.toAbsolutePath().normalize()).findFirst();
    }

    String described() {
        return described;
    }

    /** Starts {@code run --config config}; output appended to {@code log}. */
    Process start(List<String> jvmFlags, Path config, String notifySocket, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The unit starts the jar, whose manifest grants native access; a -cp child must ask for it, or
        // JDK 24+ prints "restricted method" warnings into the bench's output.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmFlags);
        cmd.addAll(launch);
        cmd.addAll(List.of("run", "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("NOTIFY_SOCKET", notifySocket);
        pb.environment().remove("WATCHDOG_USEC");
        return killedWithUs(pb.start());
    }

    /** A bench stopped with Ctrl-C must not leave a gate running: the child dies with this JVM. */
    static Process killedWithUs(Process p) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }, "kill-bench-child-" + p.pid()));
        return p;
    }

    /** SIGTERM as systemctl stop does; the JVM's exit also writes the class archive when asked to. */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
