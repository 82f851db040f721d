package org.gridgate.storage.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.gridgate.storage.NewerSchemaException;

/**
 * A database's schema, versioned with {@code PRAGMA user_version}. Migration {@code i} takes the file
 * from version {@code i} to {@code i + 1}; each runs in one transaction together with the version bump,
 * so a crash or a power cut leaves the file at one version or the next, never in between. Append
 * migrations; never edit a released one (a test keeps a database written by each release).
 *
 * @param what the database's name in messages ("journal", "roster")
 */
public record Migrations(String what, List<List<String>> steps) {
    public Migrations {
        steps = List.copyOf(steps);
    }

    public int current() {
        return steps.size();
    }

    /** Brings the file to {@link #current()}; returns the version found. Refuses files from a newer build. */
    public int migrate(Connection c, Path file) throws SQLException {
        int found = userVersion(c);
        if (found > current()) {
            throw new NewerSchemaException(what, file, found, current());
        }
        for (int v = found; v < current(); v++) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : steps.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return found;
    }

    public static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
