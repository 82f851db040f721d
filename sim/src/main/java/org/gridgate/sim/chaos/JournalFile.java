package org.gridgate.sim.chaos;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the gate's journal file directly, as an auditor would, with a connection of its own. */
final class JournalFile {
    private JournalFile() {}

    /** seq -> id of every record, in seq order. */
    static Map<Long, String> records(Path file) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT seq, id FROM record ORDER BY seq")) {
            while (r.next()) {
                out.put(r.getLong(1), r.getString(2));
            }
        }
        return out;
    }

    static String integrity(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder b = new StringBuilder();
            while (r.next()) {
                b.append(b.isEmpty() ? "" : "; ").append(r.getString(1));
            }
            return b.toString();
        }
    }

    static long dropped(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT coalesce(sum(count), 0) FROM dropped")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
