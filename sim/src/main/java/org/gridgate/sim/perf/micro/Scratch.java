package org.gridgate.sim.perf.micro;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A suite's scratch directory, emptied before and after use. */
final class Scratch {
    private Scratch() {}

    static Path fresh(Path dir) throws IOException {
        clear(dir);
        return Files.createDirectories(dir);
    }

    static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
