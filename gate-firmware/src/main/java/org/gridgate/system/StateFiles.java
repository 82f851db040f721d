package org.gridgate.system;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.gridgate.config.StorageConfig;

/**
 * The gate's state is readable by the gate alone, whoever starts it and whatever its umask: the
 * folder 0700, the databases (and SQLite's -wal and -shm files, which take their database's mode)
 * and the identity key 0600. Runs before anything is opened, so no file ever exists with a wider mode.
 */
final class StateFiles {
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Databases next to the journal (roster, trust lists, passage history). */
    static final List<String> DATABASES = List.of("roster.db", "trust.db", "history.db");

    private StateFiles() {}

    static void secure(StorageConfig storage) throws IOException {
        Path journal = storage.journal().toAbsolutePath();
        Path dir = journal.getParent();
        if (Files.getFileStore(Files.exists(dir) ? dir : dir.getRoot()).supportsFileAttributeView(
                PosixFileAttributeView.class) == false) {
            return; // not a POSIX file system (never the case on a gate)
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, DIR);
        for (String name : DATABASES) {
            file(dir.resolve(name));
        }
        file(journal);
        Path key = storage.identityKeyFile().toAbsolutePath();
        if (Files.exists(key)) {
            Files.setPosixFilePermissions(key, FILE);
        }
    }

    /** Creates {@code db} empty (SQLite takes an empty file as a new database) or tightens it, and its companions. */
    private static void file(Path db) throws IOException {
        try {
            Files.createFile(db, PosixFilePermissions.asFileAttribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // opened before: tightened below
        }
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path p = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(p)) {
                Files.setPosixFilePermissions(p, FILE); // exact, whatever the umask took away or left
            }
        }
    }
}
