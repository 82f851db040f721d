package org.gridgate.config;

/** One thing wrong with a config file, located by line and dotted field path. */
public record ConfigProblem(String file, int line, String path, String message) {

    /** The form technicians and tools rely on: {@code FILE:LINE: field.path: message}. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (path.isEmpty() ? "(top)" : path) + ": " + message;
    }
}
