package org.gridgate.sim.perf.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Resident memory of a process, from Linux {@code /proc/<pid>/status}. */
final class ProcStatus {
    private ProcStatus() {}

    /** {@code VmRSS} in kB from the text of a status file; empty if the line is missing (a zombie has none). */
    static OptionalLong rssKb(String status) {
        return kb(status, "VmRSS");
    }

    /**
     * A {@code kB} field of a status file ({@code VmRSS}, {@code RssAnon}: heap, stacks, malloc;
     * {@code RssFile}: mapped libraries, jars and the class-data archive).
     */
    static OptionalLong kb(String status, String field) {
        String key = field + ":";
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[1].equals("kB")) {
                    throw new IllegalArgumentException("unexpected " + field + " line: " + line);
                }
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /** The live process's status text, empty once it has exited. */
    static java.util.Optional<String> read(long pid) {
        try {
            return java.util.Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "status"),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The live process's RSS in kB; empty once it has exited. */
    static OptionalLong rssKb(long pid) {
        return read(pid).map(ProcStatus::rssKb).orElse(OptionalLong.empty());
    }
}
