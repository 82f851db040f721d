package org.gridgate.roster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good roster message, kept on disk so that a gate restarted while the broker is away
 * still knows its residents. Written atomically (temp file, fsync, rename).
 */
public final class RosterFile {
    private static final Logger LOG = LoggerFactory.getLogger(RosterFile.class);
    private final Path file;

    public RosterFile(Path file) {
        this.file = file;
    }

    public Optional<List<Resident>> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(RosterMessage.parse(Files.readAllBytes(file)));
        } catch (IOException | RosterMessage.Invalid e) {
            LOG.warn("saved roster {} unusable, waiting for the server's: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    public void save(byte[] payload) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(payload));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
