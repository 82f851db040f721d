package org.gridgate.storage;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A database was written by a newer gridgate than this one: its schema version is past what this
 * build knows. Nothing in it was touched; the daemon stops with exit 78 (the unit does not restart
 * it), since only installing that newer version again, or restoring a copy, can fix it.
 */
public final class NewerSchemaException extends SQLException {
    private static final long serialVersionUID = 1L;

    public NewerSchemaException(String what, Path file, int found, int known) {
        super(what + " " + file + " has schema version " + found + ", newer than this gridgate's (" + known
                + "): it was written by a newer version; refusing to touch it. Install that version again, "
                + "or restore the copy of /var/lib/gridgate taken before the upgrade (docs/install.md, Roll back)");
    }

    /** The newer-schema refusal anywhere in a cause chain, if there is one. */
    public static java.util.Optional<NewerSchemaException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NewerSchemaException n) {
                return java.util.Optional.of(n);
            }
        }
        return java.util.Optional.empty();
    }
}
