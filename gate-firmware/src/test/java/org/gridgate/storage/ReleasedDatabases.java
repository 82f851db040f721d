package org.gridgate.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Databases written by earlier releases (test resources org/gridgate/upgrade/RELEASE/), copied to a folder. */
public final class ReleasedDatabases {
    private ReleasedDatabases() {
    }

    /** Copies {@code name} as written by {@code release} to {@code dir}; returns the copy. */
    public static Path copy(String release, String name, Path dir) throws IOException {
        try (InputStream in = ReleasedDatabases.class.getResourceAsStream("/org/gridgate/upgrade/" + release + "/" + name)) {
            if (in == null) {
                throw new IOException("no " + name + " from release " + release + " in the test resources");
            }
            Path out = dir.resolve(name);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        }
    }
}
